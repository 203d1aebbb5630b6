package org.hotline.bench.calls;

import org.hotline.pbxsim.PbxSim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hotline nodes as processes of their own on one PostgreSQL and one Redis, each configured with
 * both Asterisks (pbx-sims on 127.0.0.1 and 127.0.0.2, as two hosts), as an operator runs several
 * nodes: the same settings, a node name each.
 */
final class ClusterNodes implements AutoCloseable {

    final List<HotlineProcess> nodes = new ArrayList<>();

    /**
     * Starts {@code count} nodes one after the other (each ready before the next), then waits
     * until each Asterisk is followed by one of them.
     */
    static ClusterNodes start(int count, Path dir, Map<String, String> shared, List<PbxSim> asterisks, String secret) throws Exception {
        ClusterNodes cluster = new ClusterNodes();
        try {
            StringBuilder servers = new StringBuilder("ami:\n  takeover-seconds: 10\n  servers:\n");
            for (int i = 0; i < asterisks.size(); i++) {
                PbxSim pbx = asterisks.get(i);
                servers.append("    - {name: ").append(name(i)).append(", host: ").append(pbx.host()).append(", port: ")
                        .append(pbx.port()).append(", user: hotline, secret: ").append(secret).append("}\n");
            }
            Path config = Files.writeString(dir.resolve("cluster-node.yaml"), servers.toString());
            for (int n = 1; n <= count; n++) {
                Map<String, String> settings = new HashMap<>(shared);
                settings.put("HOTLINE_CONFIG", config.toString());
                settings.put("HOTLINE_NODE_NAME", "node-" + n);
                Path dataDir = Files.createDirectories(dir.resolve("node-" + n));
                cluster.nodes.add(HotlineProcess.start(dataDir, settings, "1g", dir.resolve("node-" + n + ".log")));
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (cluster.followed() < asterisks.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the Asterisks were not all followed within a minute; see the node logs in " + dir);
                }
                Thread.sleep(200);
            }
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /** The name of the {@code i}th Asterisk in the nodes' configuration. */
    static String name(int i) {
        return "pbx-" + (char) ('a' + i);
    }

    /** How many Asterisks the nodes follow between them. */
    int followed() throws Exception {
        int followed = 0;
        for (HotlineProcess node : nodes) {
            followed += following(node);
        }
        return followed;
    }

    /** How many Asterisks {@code node} follows. */
    static int following(HotlineProcess node) throws Exception {
        return node.metrics(List.of("hotline_ami_following")).getOrDefault("hotline_ami_following", 0.0).intValue();
    }

    /** The nodes' JVMs' CPU time so far, together. */
    Duration cpu() {
        return nodes.stream().map(HotlineProcess::cpu).reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public void close() throws InterruptedException {
        for (HotlineProcess node : nodes.reversed()) {
            node.close();
        }
    }
}
