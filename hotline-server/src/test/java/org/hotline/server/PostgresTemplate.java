package org.hotline.server;

import org.hotline.schema.Migrations;
import org.hotline.server.embedded.EmbeddedPostgresServer;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * An embedded PostgreSQL cluster made once per test JVM, with Hotline's database migrated and
 * then stopped cleanly, copied into a server's data directory before it starts.
 */
final class PostgresTemplate {

    private static Path template;

    private PostgresTemplate() {
    }

    /** Copies the cluster to {@code target} unless something is there already (a server's earlier start). */
    static synchronized void copyTo(Path target) {
        if (Files.exists(target)) {
            return;
        }
        try {
            Path from = template();
            Files.createDirectories(target.getParent());
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path to = target.resolve(from.relativize(file).toString());
                    if (!Files.exists(to)) { // directories too (PostgreSQL wants its own modes on them)
                        Files.copy(file, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path template() throws IOException {
        if (template == null) {
            Path made = Files.createTempDirectory("hotline-pg-template").resolve("postgres");
            try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(made, 0)) {
                PGSimpleDataSource dataSource = new PGSimpleDataSource();
                dataSource.setUrl(postgres.jdbcUrl());
                dataSource.setUser(EmbeddedPostgresServer.USER);
                Migrations.apply(dataSource);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(made.getParent())));
            template = made;
        }
        return template;
    }

    private static void delete(Path tree) {
        try (Stream<Path> files = Files.walk(tree)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
