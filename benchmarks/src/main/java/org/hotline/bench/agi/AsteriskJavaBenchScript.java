package org.hotline.bench.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;

/** The bench flow written for asterisk-java: the same nine commands as the Hotline flow sends. */
final class AsteriskJavaBenchScript implements AgiScript {

    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        channel.answer();
        channel.streamFile("hotline/welcome");
        channel.getData("hotline/main-menu", 6000, 1);
        String serial = channel.getData("hotline/enter-serial", 8000, 20);
        channel.sayDigits(serial == null || serial.isEmpty() ? "0" : serial);
        channel.setVariable("HOTLINE_QUEUE", "service");
        channel.setVariable("QUEUE_PRIO", "0");
        channel.setVariable("HOTLINE_INTENT", "repair");
        channel.setVariable("HOTLINE_ACTION", "queue");
    }
}
