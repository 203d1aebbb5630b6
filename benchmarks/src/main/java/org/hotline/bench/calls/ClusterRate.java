package org.hotline.bench.calls;

import org.hotline.pbxsim.PbxSim;
import org.hotline.pbxsim.agi.AgiCall;
import org.hotline.pbxsim.scenario.CallScript;
import org.hotline.pbxsim.scenario.ScriptedCalls;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One rate against the nodes: callers arriving for {@code seconds}, caller {@code j} on Asterisk
 * {@code j % 2} and its FastAGI session on node {@code j % nodes} (as a dialplan spreading
 * sessions over the nodes would), then through that Asterisk's queue to one of its agents, then
 * the survey; then whether everything was stored whole and what it cost.
 */
final class ClusterRate {

    /** One Asterisk of the run: the simulator, its calls, its agents, and the AgentCalled events it sent. */
    record Asterisk(String name, PbxSim pbx, ScriptedCalls calls, Agents agents, AtomicInteger rung) {
    }

    /** What a rate gave. */
    record Result(int rate, int calls, boolean whole, String stored, List<Long> pops, List<Long> turnarounds,
                  double nodeCpuMsPerCall, double storeCpuMsPerCall, double machineBusy, int socketsClosed) {

        double popP99Millis() {
            return Latencies.at(Latencies.sorted(pops), 0.99) / 1e6;
        }

        /** Held: every call stored whole, no socket closed, pop p99 under {@code limit}. */
        boolean holds(Duration limit) {
            return whole && socketsClosed == 0 && !pops.isEmpty() && popP99Millis() < limit.toNanos() / 1e6;
        }
    }

    private static final Duration RING = Duration.ofSeconds(1);
    private static final Duration TALK = Duration.ofSeconds(2);

    private ClusterRate() {
    }

    static Result run(int rate, int seconds, ClusterNodes cluster, List<Asterisk> asterisks, CallerMix mix, DSLContext db,
                      List<Long> storePids, java.util.function.IntSupplier socketsClosed) throws Exception {
        List<Long> turnarounds = new CopyOnWriteArrayList<>();
        List<List<ScriptedCalls.IvrPassage>> passages = new ArrayList<>();
        List<Thread> surveys = new CopyOnWriteArrayList<>();
        List<String> surveyed = new CopyOnWriteArrayList<>();
        List<CompletableFuture<?>> started = new CopyOnWriteArrayList<>();
        AtomicInteger failed = new AtomicInteger();
        int[] rungBefore = new int[asterisks.size()];
        int[] noneFreeBefore = new int[asterisks.size()];
        for (int i = 0; i < asterisks.size(); i++) {
            passages.add(new CopyOnWriteArrayList<>());
            asterisks.get(i).agents().popNanos.clear();
            rungBefore[i] = asterisks.get(i).rung().get();
            noneFreeBefore[i] = asterisks.get(i).agents().noneFree;
        }
        int closedBefore = socketsClosed.getAsInt();
        var cpuBefore = cluster.cpu();
        var storeBefore = HotlineProcess.nonJavaCpu(storePids);
        long[] machineBefore = MachineCpu.read();
        ScheduledExecutorService arrivals = Executors.newSingleThreadScheduledExecutor();
        int count = rate * seconds;
        for (int j = 0; j < count; j++) {
            int caller = j;
            arrivals.schedule(() -> {
                Asterisk asterisk = asterisks.get(caller % asterisks.size());
                HotlineProcess node = cluster.nodes.get(caller % cluster.nodes.size());
                CallerMix.Caller who = mix.next();
                CallScript queueCall = new CallScript(who.number(), "Caller", "service", Duration.ofSeconds(60), Duration.ofSeconds(15), List.of());
                started.add(asterisk.calls().startThroughIvr("127.0.0.1", node.agiPort, who.ivr(), queueCall,
                        script -> script.withAgents(asterisk.agents().take())).whenComplete((passage, e) -> {
                    if (passage == null) {
                        failed.incrementAndGet();
                        return;
                    }
                    passages.get(caller % asterisks.size()).add(passage);
                    turnarounds.addAll(passage.turnaroundNanos());
                    String record = passage.variables().getOrDefault("HOTLINE_RECORD_ID", "");
                    if (passage.queued() && !record.isEmpty()) { // the caller stays on for the survey when the agent hangs up
                        surveys.add(Thread.ofVirtual().start(() -> {
                            try {
                                Thread.sleep(RING.plus(TALK).plusMillis(500).toMillis());
                                AgiCall survey = new AgiCall(mix.survey(who.number(), record));
                                survey.run("127.0.0.1", node.agiPort, asterisk.pbx().host());
                                turnarounds.addAll(survey.turnaroundNanos());
                                surveyed.add(record);
                            } catch (Exception e2) {
                                failed.incrementAndGet();
                            }
                        }));
                    }
                }));
            }, (long) (j * 1000.0 / rate), TimeUnit.MILLISECONDS);
        }
        arrivals.shutdown();
        arrivals.awaitTermination(seconds + 60, TimeUnit.SECONDS);
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).handle((x, e) -> null).get(5, TimeUnit.MINUTES);
        for (Thread survey : surveys) {
            survey.join();
        }
        Thread.sleep(RING.plus(TALK).plusSeconds(3).toMillis()); // the last queue calls end, their rows are written
        double nodeCpu = cluster.cpu().minus(cpuBefore).toNanos() / 1e6;
        double storeCpu = HotlineProcess.nonJavaCpu(storePids).minus(storeBefore).toNanos() / 1e6;
        double busy = MachineCpu.busySince(machineBefore);

        int calls = 0;
        boolean whole = failed.get() == 0;
        List<Long> pops = new ArrayList<>();
        StringBuilder stored = new StringBuilder();
        for (int i = 0; i < asterisks.size(); i++) {
            Asterisk asterisk = asterisks.get(i);
            List<ScriptedCalls.IvrPassage> these = passages.get(i);
            List<String> linkedids = these.stream().map(ScriptedCalls.IvrPassage::linkedid).toList();
            List<String> uniqueids = these.stream().map(ScriptedCalls.IvrPassage::uniqueid).toList();
            var ofThis = DSL.field("asterisk_server").eq(asterisk.name());
            int rows = db.fetchCount(DSL.table("call"), ofThis.and(DSL.field("linkedid").in(linkedids)));
            int ended = db.fetchCount(DSL.table("call"), ofThis.and(DSL.field("linkedid").in(linkedids)).and(DSL.field("ended_at").isNotNull()));
            int sessions = db.fetchCount(DSL.table("ivr_session"), ofThis.and(DSL.field("uniqueid").in(uniqueids))
                    .and(DSL.field("ended_at").isNotNull()));
            int rang = asterisk.rung().get() - rungBefore[i];
            int popped = asterisk.agents().popNanos.size();
            int noneFree = asterisk.agents().noneFree - noneFreeBefore[i];
            whole &= rows == these.size() && ended == these.size() && sessions == these.size() && popped == rang && noneFree == 0;
            pops.addAll(asterisk.agents().popNanos);
            calls += these.size();
            stored.append(String.format("%s: %d/%d call rows (%d ended), %d IVR sessions, %d/%d pops%s; ", asterisk.name(), rows,
                    these.size(), ended, sessions, popped, rang, noneFree > 0 ? ", " + noneFree + " found no free agent" : ""));
        }
        if (!whole) { // late, or lost? the call rows a minute on
            Thread.sleep(60_000);
            int later = 0;
            int expected = 0;
            for (int i = 0; i < asterisks.size(); i++) {
                List<String> linkedids = passages.get(i).stream().map(ScriptedCalls.IvrPassage::linkedid).toList();
                later += db.fetchCount(DSL.table("call"), DSL.field("asterisk_server").eq(asterisks.get(i).name())
                        .and(DSL.field("linkedid").in(linkedids)).and(DSL.field("ended_at").isNotNull()));
                expected += linkedids.size();
            }
            stored.append(String.format("a minute later %d/%d call rows ended; ", later, expected));
        }
        int surveyRows = surveyed.isEmpty() ? 0 : db.fetchCount(DSL.table("survey_response"),
                DSL.field("record_id").in(surveyed.stream().map(Long::parseLong).toList()));
        whole &= surveyRows >= surveyed.size();
        stored.append(String.format("%d surveys (%d answer rows), %d sessions failed", surveyed.size(), surveyRows, failed.get()));
        double perCall = Math.max(1, calls);
        return new Result(rate, calls, whole, stored.toString(), pops, turnarounds, nodeCpu / perCall, storeCpu / perCall, busy,
                socketsClosed.getAsInt() - closedBefore);
    }

    /** The machine's CPU counters (/proc/stat's first line), to say how busy all of it was. */
    static final class MachineCpu {

        private MachineCpu() {
        }

        /** busy and total jiffies */
        static long[] read() throws java.io.IOException {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle, iowait
            return new long[] {total - idle, total};
        }

        /** The share of the machine's CPU busy since {@code before} (0 to 1). */
        static double busySince(long[] before) throws java.io.IOException {
            long[] now = read();
            return (double) (now[0] - before[0]) / Math.max(1, now[1] - before[1]);
        }
    }
}
