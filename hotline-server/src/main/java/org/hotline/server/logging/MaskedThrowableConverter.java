package org.hotline.server.logging;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * A logged exception, its message, causes and stack, with every phone number masked
 * ({@code %maskedEx} in logback.xml): a database error quoting a row, or an AGI command in an
 * exception's text, gives no number away.
 */
public final class MaskedThrowableConverter extends ThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PhoneMask.mask(super.convert(event));
    }
}
