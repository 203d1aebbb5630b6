package org.hotline.schema.codegen;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Generates the jOOQ classes of the Hotline schema from its Flyway migrations.
 *
 * <p>Arguments: the migrations folder, the target source folder, the target package. The
 * migrations run on a throw-away embedded PostgreSQL, the same server the product embeds, so
 * what is generated is what PostgreSQL made of the migrations. Skipped when the migrations are
 * unchanged since the last run.
 */
public final class GenerateJooqClasses {

    private static final String STAMP_FILE = ".migrations.sha256";

    private GenerateJooqClasses() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: GenerateJooqClasses <migrations dir> <target dir> <package>");
        }
        Path migrations = Path.of(args[0]).toAbsolutePath();
        Path target = Path.of(args[1]).toAbsolutePath();
        String packageName = args[2];

        String stamp = digest(migrations);
        Path stampFile = target.resolve(STAMP_FILE);
        if (Files.exists(stampFile) && Files.readString(stampFile).equals(stamp)) {
            System.out.println("[schema-codegen] jOOQ classes are up to date with " + migrations);
            return;
        }
        System.out.println("[schema-codegen] generating jOOQ classes from " + migrations);
        generate(migrations, target, packageName);
        Files.writeString(stampFile, stamp);
    }

    private static void generate(Path migrations, Path target, String packageName) throws Exception {
        Path scratch = Files.createTempDirectory("hotline-codegen-pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(scratch)
                .setCleanDataDirectory(true)
                .start()) {
            Flyway.configure()
                    .loggers("slf4j")
                    .dataSource(pg.getPostgresDatabase())
                    .locations("filesystem:" + migrations)
                    .load()
                    .migrate();
            try (Connection connection = pg.getPostgresDatabase().getConnection()) {
                GenerationTool tool = new GenerationTool();
                tool.setConnection(connection);
                tool.run(configuration(target, packageName));
            }
        }
    }

    private static Configuration configuration(Path target, String packageName) {
        return new Configuration()
                .withJdbc(new Jdbc())
                .withGenerator(new Generator()
                        .withDatabase(new Database()
                                .withName("org.jooq.meta.postgres.PostgresDatabase")
                                .withInputSchema("public")
                                .withExcludes("flyway_schema_history"))
                        .withGenerate(new Generate()
                                .withJavaTimeTypes(true)
                                .withRecords(true)
                                .withPojos(false)
                                .withDeprecationOnUnknownTypes(false))
                        .withTarget(new Target()
                                .withPackageName(packageName)
                                .withDirectory(target.toString())
                                .withClean(true)));
    }

    private static String digest(Path migrations) throws IOException, NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(migrations)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            sha.update(migrations.relativize(file).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(file));
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
