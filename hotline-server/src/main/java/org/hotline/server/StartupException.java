package org.hotline.server;

/**
 * Start-up cannot go on: a port in use, a database out of reach, a data directory held by
 * another server. The message is the one line the operator sees; it names the setting to look
 * at and never holds a secret.
 */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The innermost cause's message: what actually went wrong, without the wrapping. */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
