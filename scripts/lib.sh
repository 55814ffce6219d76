# Shared by ./parley: find the tools Parley builds with, and start the servers its tests need where they are missing.

log() { echo "parley: $*" >&2; }

# Java 25 for the build and the server, whatever the default java is.
select_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* /usr/lib/jvm/jdk-25* /opt/java/openjdk; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] \
        && "$candidate/bin/java" -version 2>&1 | grep -Eq 'version "25'; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  log "no JDK 25 found (looked at \$JAVA_HOME and /usr/lib/jvm). Install a JDK 25 (e.g. Temurin 25) and set JAVA_HOME."
  exit 1
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  log "installing $* from the Debian packages"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_maven() {
  command -v mvn >/dev/null 2>&1 || apt_install maven
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

wait_for_port() {
  local port=$1 name=$2 i
  for i in $(seq 1 60); do
    port_open "$port" && return 0
    sleep 1
  done
  log "$name did not start listening on 127.0.0.1:$port"
  exit 1
}

# MariaDB on 127.0.0.1:3306 (root, no password) and Redis on 127.0.0.1:6379, as the real-adapter tests expect;
# servers already running are used as they are (see PARLEY_TEST_MYSQL_URL and -Dparley.test.* to point elsewhere).
ensure_test_servers() {
  if ! port_open 3306; then
    local installed_now=
    if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
      apt_install mariadb-server
      installed_now=1
    fi
    log "starting MariaDB"
    as_root mkdir -p /run/mysqld && as_root chown mysql:mysql /run/mysqld 2>/dev/null || true
    as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
    wait_for_port 3306 MariaDB
    if [ -n "$installed_now" ]; then
      # A fresh Debian MariaDB lets root in only over the local socket; the tests connect over TCP.
      as_root mariadb -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD(''); FLUSH PRIVILEGES;"
    fi
  fi
  if ! port_open 6379; then
    command -v redis-server >/dev/null 2>&1 || apt_install redis-server
    log "starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    wait_for_port 6379 Redis
  fi
  # Not a shared server: ClamdProcess starts a clamd of each scanner test's own, with a local EICAR signature.
  command -v clamd >/dev/null 2>&1 || [ -x /usr/sbin/clamd ] || apt_install clamav-daemon
}

# The web client's browser tests drive Debian's Chromium (headless, through playwright-core); nothing downloads a browser.
ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}

# The web client is built with the machine's node and npm (Node 20.19 or newer, for Vite 7); nothing downloads Node.
ensure_node() {
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    log "node and npm are needed to build the web client (Node 20.19 or newer): install them, e.g. from nodejs.org or your distribution"
    exit 1
  fi
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
    log "node $(node --version) is too old for the web client's build (Vite 7 needs 20.19 or newer)"
    exit 1
  fi
}

# The standalone server's secrets, made once in its data directory (readable by this user only) and given through the
# environment, so nothing needs configuring on a fresh clone: the key that encrypts the token signing keys at rest,
# and the internal secret that ./parley rotate-signing-key presents. Values already in the environment win.
ensure_local_secrets() {
  local dir=$1
  mkdir -p "$dir"
  (
    umask 077
    [ -s "$dir/key-encryption-key" ] || head -c 32 /dev/urandom | base64 > "$dir/key-encryption-key"
    [ -s "$dir/internal-secret" ] || head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/internal-secret"
  )
  export PARLEY_AUTH_KEY_ENCRYPTION_KEY=${PARLEY_AUTH_KEY_ENCRYPTION_KEY:-$(cat "$dir/key-encryption-key")}
  export PARLEY_INTERNAL_SECRET=${PARLEY_INTERNAL_SECRET:-$(cat "$dir/internal-secret")}
}
