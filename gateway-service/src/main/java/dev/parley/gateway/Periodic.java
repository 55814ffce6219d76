package dev.parley.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for a component's periodic work (a sweep, a sync, a heartbeat), started and stopped with the
 * component: one pass over all sockets instead of a timer each.
 */
public final class Periodic {

    private record Task(Duration period, Runnable work) {
    }

    private final String name;
    private final List<Task> tasks = new ArrayList<>(2);
    private volatile ScheduledExecutorService timer;

    public Periodic(String name) {
        this.name = name;
    }

    /** Runs the work every period, the first time one period after start. */
    public Periodic every(Duration period, Runnable work) {
        tasks.add(new Task(period, work));
        return this;
    }

    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(name).factory());
        for (Task task : tasks) {
            long millis = task.period().toMillis();
            timer.scheduleWithFixedDelay(task.work(), millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Runs a one-off task on the same thread, after what is already due; dropped when stopped. */
    public void execute(Runnable work) {
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.execute(work);
        }
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    public boolean isRunning() {
        return timer != null;
    }
}
