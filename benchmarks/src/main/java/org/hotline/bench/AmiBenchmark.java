package org.hotline.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.ManagerEvent;
import org.hotline.bridge.ami.client.AmiClient;
import org.hotline.bridge.ami.client.AmiListener;
import org.hotline.bridge.ami.client.AmiSettings;
import org.hotline.bridge.ami.wire.AmiMessage;
import org.hotline.pbxsim.wire.AmiFrame;
import org.hotline.bridge.calls.CallTracker;
import org.hotline.pbxsim.AmiTrace;
import org.hotline.pbxsim.PbxSim;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One AMI stream, two readers: Hotline's AmiClient feeding its CallTracker, and asterisk-java's
 * ManagerConnection dispatching to a listener. The stream is the recorded calls (traces 01, 02,
 * 03, 06, 07), each copy with its own Uniqueids and Linkedids, without the dialplan-class events
 * (VarSet, Newexten) that Hotline filters at login anyway, so both read the same bytes.
 * Measures the events per second each sustains (the stream sent at once) and the latency from
 * pbx-sim's write to the reader's handling at a steady rate.
 *
 * <p>Arguments: [events for throughput (300000)] [rate for latency (20000)] [seconds (5)]
 * [readers: both (default), hotline or asterisk-java]
 */
public final class AmiBenchmark {

    private static final String SECRET = "bench-secret";

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String readers = args.length > 3 ? args[3] : "both"; // or "hotline", "asterisk-java": one side alone, to compare changes
        if (!List.of("both", "hotline", "asterisk-java").contains(readers)) {
            throw new IllegalArgumentException("readers: both, hotline or asterisk-java, not '" + readers + "'");
        }
        List<AmiFrame> stream = stream(total);
        System.out.printf("machine: %d cores, JDK %s; %,d events (%d kinds) from the recorded calls%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(), stream.size(),
                stream.stream().map(e -> e.getOrEmpty("Event")).distinct().count());
        for (int round = 1; round <= 2; round++) { // the first round warms the JIT up
            System.out.println("-- round " + round + (round == 1 ? " (warm-up)" : ""));
            if (!readers.equals("asterisk-java")) {
                measure("hotline AmiClient + CallTracker", new HotlineReader(), stream, rate, seconds);
            }
            if (!readers.equals("hotline")) {
                measure("asterisk-java ManagerConnection", new AsteriskJavaReader(), stream, rate, seconds);
            }
        }
        System.exit(0);
    }

    /** A reader of the stream that counts what it has handled and when. */
    abstract static class Reader implements AutoCloseable {
        private final AtomicInteger handled = new AtomicInteger();
        private volatile long[] times = new long[0];

        abstract void connect(int port) throws Exception;

        /** Called by the reader for each event of the stream it has handled. */
        final void handledOne() {
            int n = handled.getAndIncrement();
            long[] t = times;
            if (n < t.length) {
                t[n] = System.nanoTime();
            }
        }

        final AtomicInteger handled() {
            return handled;
        }

        /** Receive times by position in the stream (for the latency run). */
        final long[] times() {
            return times;
        }

        final void timesFor(int events) {
            times = new long[events];
        }

        @Override
        public abstract void close();
    }

    private static void measure(String name, Reader reader, List<AmiFrame> stream, int rate, int seconds) throws Exception {
        // throughput: the whole stream written at once
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", SECRET)); reader) {
            reader.connect(pbx.port());
            // in memory the socket writes from, before the clock starts: a heap buffer would be copied
            // into a direct one by Netty inside the timed write (about a second for two million events)
            List<byte[]> wire = stream.stream().map(AmiFrame::toWire).toList();
            ByteBuf all = Unpooled.directBuffer(wire.stream().mapToInt(b -> b.length).sum());
            wire.forEach(all::writeBytes);
            reader.timesFor(0);
            long start = System.nanoTime();
            pbx.emitRaw(all);
            awaitCount(reader.handled(), stream.size(), 120);
            double s = (System.nanoTime() - start) / 1e9;
            System.out.printf("%-34s throughput: %,d events in %.2f s = %,.0f events/s%n", name, stream.size(), s, stream.size() / s);
        }
        // latency: a steady rate, batches every millisecond
        int count = Math.min(stream.size(), rate * seconds);
        List<AmiFrame> head = stream.subList(0, count);
        try (PbxSim pbx = new PbxSim(0, Map.of("hotline", SECRET)); reader) {
            reader.connect(pbx.port());
            reader.handled().set(0);
            reader.timesFor(count);
            long[] sent = new long[count];
            int perMs = Math.max(1, rate / 1000);
            long begin = System.nanoTime();
            for (int i = 0; i < count; ) {
                long due = begin + (long) (i / (double) rate * 1e9);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait); // not spinning: the readers need both cores
                }
                ByteBuf batch = Unpooled.buffer();
                int end = Math.min(count, i + perMs);
                long now = System.nanoTime();
                for (int k = i; k < end; k++) {
                    batch.writeBytes(head.get(k).toWire());
                    sent[k] = now;
                }
                pbx.emitRaw(batch);
                i = end;
            }
            awaitCount(reader.handled(), count, 60);
            long[] received = reader.times();
            double[] lat = new double[count];
            for (int i = 0; i < count; i++) {
                lat[i] = (received[i] - sent[i]) / 1e6;
            }
            Arrays.sort(lat);
            System.out.printf("%-34s latency at %,d events/s: p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", name, rate,
                    lat[count / 2], lat[(int) (count * 0.99)], lat[count - 1]);
        }
    }

    private static void awaitCount(AtomicInteger counter, int target, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (counter.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + counter.get() + " of " + target + " events handled in " + seconds + " s");
            }
            Thread.sleep(1);
        }
    }

    /** The recorded calls, copied with fresh ids until there are {@code total} events. */
    static List<AmiFrame> stream(int total) {
        List<AmiFrame> calls = new ArrayList<>();
        for (String trace : List.of("01-queue-answered", "02-queue-abandoned", "03-ring-no-answer-then-answered",
                "06-ivr-then-queue", "07-hangup-during-ivr")) {
            AmiTrace.load("asterisk-traces/" + trace + ".ami").events().stream()
                    .filter(e -> List.of("call", "agent").contains(e.getOrEmpty("Privilege").split(",")[0].toLowerCase()))
                    .filter(e -> !e.getOrEmpty("Event").equals("FullyBooted"))
                    .forEach(calls::add);
        }
        List<AmiFrame> stream = new ArrayList<>(total);
        for (int copy = 0; stream.size() < total; copy++) {
            String suffix = "" + copy;
            for (AmiFrame e : calls) {
                if (stream.size() == total) {
                    break;
                }
                List<AmiFrame.Header> headers = new ArrayList<>();
                for (AmiFrame.Header h : e.headers()) {
                    boolean id = List.of("Uniqueid", "Linkedid", "DestUniqueid", "DestLinkedid").contains(h.name());
                    headers.add(id && !h.value().isEmpty() ? new AmiFrame.Header(h.name(), h.value() + suffix) : h);
                }
                stream.add(new AmiFrame(headers, List.of()));
            }
        }
        return stream;
    }

    /** Hotline: AmiClient (Netty) dispatching to the CallTracker on its event thread. */
    static final class HotlineReader extends Reader {
        private AmiClient client;

        @Override
        void connect(int port) throws Exception {
            AtomicLong calls = new AtomicLong();
            CallTracker tracker = new CallTracker("bench", Clock.systemUTC(), e -> calls.incrementAndGet());
            AmiSettings settings = AmiSettings.of("bench", "127.0.0.1", port, "hotline", SECRET);
            client = new AmiClient(new AmiSettings(settings.name(), settings.host(), settings.port(), settings.user(),
                    settings.secret(), "call,agent,system", settings.actionTimeout(), settings.pingInterval(),
                    settings.reconnectMin(), settings.reconnectMax()), new AmiListener() {
                @Override
                public void onEvent(AmiMessage event) {
                    tracker.on(event);
                    if (event.getOrEmpty("Event").equals("FullyBooted")) {
                        return; // sent at login: not part of the stream
                    }
                    handledOne();
                }
            }).start();
            while (!client.isConnected()) {
                Thread.sleep(5);
            }
            Thread.sleep(300);
            handled().set(0);
        }


        @Override
        public void close() {
            client.close();
        }
    }

    /** asterisk-java 3.42: ManagerConnection dispatching events to a listener. */
    static final class AsteriskJavaReader extends Reader {
        /** asterisk-java's own notices and the older-style events it makes up beside the real ones: not in the stream. */
        private static final List<String> CONNECTION_EVENTS = List.of("ConnectEvent", "DisconnectEvent",
                "ProtocolIdentifierReceivedEvent", "FullyBootedEvent", "BridgeEvent", "DialEvent");
        private ManagerConnection connection;

        @Override
        void connect(int port) throws Exception {
            connection = new ManagerConnectionFactory("127.0.0.1", port, "hotline", SECRET).createManagerConnection();
            connection.addEventListener(new ManagerEventListener() {
                @Override
                public void onManagerEvent(ManagerEvent event) {
                    if (CONNECTION_EVENTS.contains(event.getClass().getSimpleName())) {
                        return; // asterisk-java's own notices, and FullyBooted at login: not part of the stream
                    }
                    handledOne();
                }
            });
            connection.login("call,agent,system");
            Thread.sleep(300);
            handled().set(0);
        }


        @Override
        public void close() {
            try {
                connection.logoff();
            } catch (RuntimeException e) {
                // the simulator may already be gone
            }
        }
    }
}
