package dev.parley.localinfra;

import java.nio.file.Path;

/**
 * A server this module runs as a child process for tests and the benchmark: its process id and console log, a
 * {@code kill -9} and a restart on the same port, and a close that kills it and deletes its working files. Each kind
 * says how it starts and when it is ready ({@link #startChild}).
 */
public abstract class LocalServer implements AutoCloseable {

    protected final ChildProcess child;

    protected LocalServer(ChildProcess child) {
        this.child = child;
    }

    /** Starts the child process and returns once the server answers, or throws with what went wrong. */
    protected abstract void startChild();

    /** The server once started; if it does not come up, it is killed and its files deleted before the error goes on. */
    protected static <S extends LocalServer> S started(S server) {
        try {
            server.startChild();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The OS process id of the running child. */
    public long pid() {
        return child.pid();
    }

    /** Where the child's console output goes, kept after it is gone. */
    public Path logFile() {
        return child.log();
    }

    /** Kills the child with SIGKILL and waits until it is gone. */
    public void kill() {
        child.kill();
    }

    /** Starts the killed server again on the same port and waits until it answers. */
    public void restart() {
        startChild();
    }

    /** Kills the child if it runs and deletes its working files; its console log stays. */
    @Override
    public void close() {
        child.close();
    }
}
