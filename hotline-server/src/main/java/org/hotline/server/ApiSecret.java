package org.hotline.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that signs the API's access tokens when none is configured: made at the first start
 * and kept in the data directory (readable by its owner only), so tokens outlive a restart.
 * Several nodes must be given one secret instead (api.token-secret).
 */
final class ApiSecret {

    private ApiSecret() {
    }

    static String inDataDir(Path dataDir) {
        Path file = dataDir.resolve("api-token-secret");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[48];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(dataDir);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret, StandardCharsets.UTF_8);
            return secret;
        } catch (IOException e) {
            throw new StartupException("api.token-secret: cannot keep a secret in " + file + ": " + e.getMessage(), e);
        }
    }
}
