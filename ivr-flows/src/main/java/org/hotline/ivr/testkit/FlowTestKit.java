package org.hotline.ivr.testkit;

import org.hotline.desk.ServiceDesk;
import org.hotline.desk.ShippedRules;
import org.hotline.desk.settings.DeskSettings;
import org.hotline.desk.sla.SlaPolicies;
import org.hotline.desk.writes.WriteQueue;
import org.hotline.ivr.engine.FlowEngine;
import org.hotline.ivr.engine.SessionResult;
import org.hotline.ivr.flow.Flow;
import org.hotline.ivr.load.FlowLibrary;
import org.hotline.ivr.services.DeskFlowServices;
import org.hotline.ivr.services.FlowServices;
import org.hotline.ivr.services.QueueWaits;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs flows against scripted callers with the real service desk on a real database, so a test
 * can assert the path taken, the records and callbacks created and the variables handed to the
 * queue. {@code FlowTestKit.shipped(dataSource, clock)} uses the flows and rules Hotline ships.
 */
public final class FlowTestKit implements AutoCloseable {

    private final FlowLibrary library;
    private final FlowEngine engine;
    private final ExecutorService executor;
    private final WriteQueue writes;

    private FlowTestKit(FlowLibrary library, FlowServices services, Clock clock, java.time.Duration deskWait, ExecutorService executor,
                        WriteQueue writes) {
        this.library = library;
        this.engine = new FlowEngine(services, library::flow, clock, deskWait);
        this.executor = executor;
        this.writes = writes;
    }

    /** The shipped flows and service-desk rules, on {@code dataSource}, with queues that have no wait. */
    public static FlowTestKit shipped(DataSource dataSource, Clock clock) {
        return shipped(dataSource, clock, QueueWaits.none());
    }

    public static FlowTestKit shipped(DataSource dataSource, Clock clock, QueueWaits waits) {
        return shipped(dataSource, clock, waits, FlowEngine.DEFAULT_DESK_WAIT);
    }

    /** The shipped flows, whose callers wait at most {@code deskWait} for the service desk. */
    public static FlowTestKit shipped(DataSource dataSource, Clock clock, QueueWaits waits, java.time.Duration deskWait) {
        SlaPolicies policies = ShippedRules.slaPolicies(Optional.empty());
        return on(FlowLibrary.shipped(policies.calendarNames()), dataSource, clock, waits, deskWait);
    }

    /** The flows of {@code directory} with the shipped service-desk rules. */
    public static FlowTestKit directory(Path directory, DataSource dataSource, Clock clock, QueueWaits waits) {
        SlaPolicies policies = ShippedRules.slaPolicies(Optional.empty());
        return on(FlowLibrary.of(directory, policies.calendarNames()), dataSource, clock, waits, FlowEngine.DEFAULT_DESK_WAIT);
    }

    private static FlowTestKit on(FlowLibrary library, DataSource dataSource, Clock clock, QueueWaits waits, java.time.Duration deskWait) {
        SlaPolicies policies = ShippedRules.slaPolicies(Optional.empty());
        DeskSettings settings = ShippedRules.deskSettings(Optional.empty());
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        ServiceDesk desk = new ServiceDesk(dataSource, policies, settings, clock);
        WriteQueue writes = new WriteQueue("ivr-writes", 10_000);
        return new FlowTestKit(library, new DeskFlowServices(desk, dataSource, policies, settings, waits, executor, writes, clock), clock,
                deskWait, executor, writes);
    }

    public Flow flow(String name) {
        return library.flow(name).orElseThrow(() -> new IllegalArgumentException("no flow '" + name + "'"));
    }

    /** Runs the caller's flow ({@code ScriptedCaller.calling(flow, ...)}) to its end. */
    public SessionResult run(ScriptedCaller caller) {
        try {
            return engine.run(flow(caller.call().flow()), caller).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the flow did not finish: " + e, e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        writes.close();
        library.close();
    }
}
