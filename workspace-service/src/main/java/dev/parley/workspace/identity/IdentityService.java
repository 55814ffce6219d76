package dev.parley.workspace.identity;

import dev.parley.common.api.ApiRequest;
import dev.parley.common.api.SlackApiException;
import dev.parley.common.auth.MemberRole;
import dev.parley.common.id.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import dev.parley.workspace.security.SecurityAudit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Creating workspaces and users, and signing in with email and password. */
@Service
public class IdentityService {

    /** A new workspace with its first owner, signed in. */
    public record Bootstrap(Workspace workspace, User owner, SessionService.Session session) {
    }

    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9][a-z0-9-]{0,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,188}\\.[^@\\s]{1,63}");
    private static final Pattern USER_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,79}");
    // BCrypt reads at most 72 bytes.
    private static final int MAX_PASSWORD_BYTES = 72;

    private final WorkspaceRepository workspaces;
    private final UserRepository users;
    private final SessionService sessions;
    private final PasswordHasher passwords;
    private final SecurityAudit audit;
    private final TransactionTemplate tx;
    private final String dummyHash;

    IdentityService(WorkspaceRepository workspaces, UserRepository users, SessionService sessions,
                    PasswordHasher passwords, SecurityAudit audit, TransactionTemplate tx) {
        this.workspaces = workspaces;
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.audit = audit;
        this.tx = tx;
        this.dummyHash = passwords.hash("not a password of anyone", passwords.newSalt());
    }

    public Bootstrap createWorkspace(String name, String domain, String email, String password, String realName,
                                     ApiRequest.Client client) {
        String cleanName = name.trim();
        if (cleanName.isEmpty() || cleanName.length() > 255) {
            throw new SlackApiException("invalid_name");
        }
        String cleanDomain = (domain == null ? cleanName : domain).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        if (!DOMAIN.matcher(cleanDomain).matches()) {
            throw new SlackApiException("invalid_domain");
        }
        Workspace workspace = new Workspace(Ids.workspace(), cleanName, cleanDomain, System.currentTimeMillis() / 1000);
        User owner = newUser(workspace.id(), email, password, null, realName, User.OWNER);
        tx.executeWithoutResult(status -> {
            if (!workspaces.insert(workspace)) {
                throw new SlackApiException("domain_taken");
            }
            users.insert(owner);
        });
        return new Bootstrap(workspace, owner, sessions.start(owner, client));
    }

    public User createUser(String workspaceId, String email, String password, String name, String realName, String role) {
        // Owners come only with their workspace; any other role may be given, an unknown one is invalid_role.
        if (MemberRole.of(role) == MemberRole.OWNER) {
            throw new SlackApiException("invalid_role");
        }
        User user = newUser(workspaceId, email, password, name, realName, role);
        if (!users.insert(user)) {
            throw new SlackApiException("already_in_team");
        }
        return user;
    }

    /** Checks an email as account creation would, so an invitation to a bad address is refused up front. */
    public static String cleanEmail(String email) {
        String clean = normalizedEmail(email);
        if (!EMAIL.matcher(clean).matches()) {
            throw new SlackApiException("invalid_email");
        }
        return clean;
    }

    /** The account of an email in one workspace, deactivated or not. */
    public java.util.Optional<User> byEmail(String workspaceId, String email) {
        return users.accountsForEmail(normalizedEmail(email)).stream().filter(a -> a[0].equals(workspaceId)).findFirst()
                .flatMap(a -> users.find(a[0], a[1]));
    }

    /** A new session for an account that just proved who it is another way (an accepted invitation). */
    public SessionService.Session sessionFor(User user, ApiRequest.Client client) {
        return sessions.start(user, client);
    }

    /**
     * Signs in. The password is hashed once, whatever the email's accounts (none, one, several: they share one salt,
     * see {@link #saltFor}), and checked before any answer that depends on them: a wrong password is always
     * {@code invalid_auth}; {@code team_required} only when it matches several active accounts and no team was named;
     * {@code account_inactive} only to whoever knows the password of a deactivated account. A failure is recorded in
     * the audit log of each workspace whose account the email (and team) names, so no workspace learns of another's.
     */
    public SessionService.Session signIn(String email, String password, String team, ApiRequest.Client client) {
        List<User> accounts = users.usersForEmail(normalizedEmail(email));
        if (team != null) {
            String workspaceId = team.startsWith("T") ? team : workspaces.idForDomain(team.toLowerCase(Locale.ROOT)).orElse("");
            accounts = accounts.stream().filter(a -> a.workspaceId().equals(workspaceId)).toList();
        }
        List<User> matching = matching(accounts, password);
        if (matching.isEmpty()) {
            accounts.forEach(a -> audit.signInFailed(a.workspaceId(), a.id(), client));
            throw new SlackApiException("invalid_auth");
        }
        List<User> active = matching.stream().filter(u -> !u.deleted()).toList();
        if (active.isEmpty()) {
            matching.forEach(a -> audit.signInFailed(a.workspaceId(), a.id(), client));
            throw new SlackApiException("account_inactive");
        }
        if (active.size() > 1) {
            throw new SlackApiException("team_required");
        }
        return sessions.start(active.getFirst(), client);
    }

    /** The accounts the password is right for, at the cost of one hash per salt: one, or the decoy's for none. */
    private List<User> matching(List<User> accounts, String password) {
        // A password BCrypt cannot take matches nothing (none was ever stored), but costs the same hash.
        boolean hashable = password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
        String candidate = hashable ? password : "not a password of anyone";
        if (accounts.isEmpty()) {
            passwords.hash(candidate, dummyHash);
            return List.of();
        }
        // Accounts made before salts were shared per email may have several salts: one hash each.
        Map<String, String> hashBySalt = new HashMap<>();
        List<User> matching = new ArrayList<>();
        for (User account : accounts) {
            String hash = hashBySalt.computeIfAbsent(passwords.saltOf(account.passwordHash()), salt -> passwords.hash(candidate, salt));
            if (hashable && MessageDigest.isEqual(hash.getBytes(StandardCharsets.UTF_8),
                    account.passwordHash().getBytes(StandardCharsets.UTF_8))) {
                matching.add(account);
            }
        }
        return matching;
    }

    public User user(String workspaceId, String userId) {
        return users.find(workspaceId, userId).filter(u -> !u.deleted())
                .orElseThrow(() -> new SlackApiException("user_not_found"));
    }

    public List<String> activeUsers(String workspaceId, List<String> userIds) {
        return activeMembers(workspaceId, userIds).stream().map(User::id).toList();
    }

    /** The given users that are active in the workspace, in the order given, each once. */
    public List<User> activeMembers(String workspaceId, List<String> userIds) {
        return userIds.stream().distinct()
                .flatMap(id -> users.find(workspaceId, id).filter(u -> !u.deleted()).stream())
                .toList();
    }

    /** These users of the workspace (deleted ones too, as in {@link #list}), ordered by id. */
    public List<User> users(String workspaceId, List<String> userIds) {
        return userIds.isEmpty() ? List.of() : users.findAll(workspaceId, userIds);
    }

    /** Users of the workspace ordered by id, after the given id. */
    public List<User> list(String workspaceId, String afterId, int limit) {
        return users.list(workspaceId, afterId, limit);
    }

    public Workspace workspace(String workspaceId) {
        return workspaces.find(workspaceId).orElseThrow(() -> new SlackApiException("team_not_found"));
    }


    private static String normalizedEmail(String email) {
        return email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    }

    private User newUser(String workspaceId, String email, String password, String name, String realName, String role) {
        String cleanEmail = normalizedEmail(email);
        if (!EMAIL.matcher(cleanEmail).matches()) {
            throw new SlackApiException("invalid_email");
        }
        // A longer password would be silently truncated by BCrypt, so it is refused.
        if (password == null || password.length() < 8 || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new SlackApiException("invalid_password");
        }
        String userName = (name == null ? cleanEmail.substring(0, cleanEmail.indexOf('@')) : name)
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "");
        if (!USER_NAME.matcher(userName).matches()) {
            throw new SlackApiException("invalid_name");
        }
        String cleanRealName = realName == null ? userName : realName.trim();
        if (cleanRealName.length() > 255) {
            throw new SlackApiException("invalid_name");
        }
        return new User(workspaceId, Ids.user(), cleanEmail, userName, cleanRealName, passwords.hash(password, saltFor(cleanEmail)),
                role, false, System.currentTimeMillis() / 1000, false);
    }

    /**
     * Every account of one email shares one salt, so sign-in hashes the password once and compares it with every
     * account's hash: the same cost whether the email has no account, one, or several.
     */
    private String saltFor(String email) {
        return users.usersForEmail(email).stream().findFirst()
                .map(u -> passwords.saltOf(u.passwordHash()))
                .orElseGet(passwords::newSalt);
    }
}
