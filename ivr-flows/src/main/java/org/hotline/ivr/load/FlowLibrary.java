package org.hotline.ivr.load;

import org.hotline.ivr.flow.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The flows a running server uses. With a directory, it looks for changed files every
 * {@code every} and reloads them all; a change that does not validate is refused (the problems
 * are logged and kept for {@link #lastRefusal()}) and the flows in use keep serving. Calls in
 * progress keep the flow they started with.
 */
public final class FlowLibrary implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FlowLibrary.class);

    private final Optional<Path> directory;
    private final Set<String> calendars;
    private volatile Map<String, Flow> flows;
    private volatile Map<Path, String> stamps;
    private volatile List<String> lastRefusal = List.of();
    private ScheduledExecutorService watcher;

    private FlowLibrary(Optional<Path> directory, Set<String> calendars, Map<String, Flow> flows) {
        this.directory = directory;
        this.calendars = Set.copyOf(calendars);
        this.flows = Map.copyOf(flows);
        this.stamps = directory.map(FlowDirectory::stamps).orElse(Map.of());
    }

    /** The flows of {@code directory}; fails with every problem when they do not validate. */
    public static FlowLibrary of(Path directory, Set<String> calendars) {
        return new FlowLibrary(Optional.of(directory), calendars, FlowDirectory.load(directory, calendars));
    }

    public static FlowLibrary shipped(Set<String> calendars) {
        return new FlowLibrary(Optional.empty(), calendars, FlowDirectory.shipped(calendars));
    }

    public Optional<Flow> flow(String name) {
        return Optional.ofNullable(flows.get(name));
    }

    public Map<String, Flow> flows() {
        return flows;
    }

    /** The problems of the last change refused, empty when the files on disk are the flows in use. */
    public List<String> lastRefusal() {
        return lastRefusal;
    }

    /** Looks for changed files every {@code every}, on a thread of its own. */
    public FlowLibrary watch(Duration every) {
        if (directory.isPresent() && !every.isZero()) {
            watcher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("flow-reload").factory());
            watcher.scheduleWithFixedDelay(this::reloadIfChanged, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    /** Reloads when a flow file changed, appeared or went; returns whether the flows in use changed. */
    public synchronized boolean reloadIfChanged() {
        if (directory.isEmpty()) {
            return false;
        }
        Map<Path, String> now;
        try {
            now = FlowDirectory.stamps(directory.get());
        } catch (InvalidFlowException e) {
            refuse(e.problems(), stamps);
            return false;
        }
        if (now.equals(stamps)) {
            return false;
        }
        try {
            Map<String, Flow> loaded = FlowDirectory.load(directory.get(), calendars);
            flows = Map.copyOf(loaded);
            stamps = now;
            lastRefusal = List.of();
            log.info("IVR flows reloaded from {}: {}", directory.get(), String.join(", ", loaded.keySet()));
            return true;
        } catch (InvalidFlowException e) {
            refuse(e.problems(), now);
            return false;
        }
    }

    private void refuse(List<String> problems, Map<Path, String> seen) {
        stamps = seen; // refused once per change, not on every look
        lastRefusal = problems;
        log.error("IVR flow change refused; the flows in use keep serving. Problems:\n  {}", String.join("\n  ", problems));
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
