package org.hotline.desk.agents;

import java.util.ArrayList;
import java.util.List;

/** An agent's place in a queue: the queue's (Asterisk) name and the agent's penalty there (0 first). */
public record QueueSeat(String queue, int penalty) {

    public QueueSeat {
        if (queue == null || !queue.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("'" + queue + "' is not a queue name (letters, digits, - and _)");
        }
        if (penalty < 0 || penalty > 1000) {
            throw new IllegalArgumentException("a penalty is 0 to 1000, not " + penalty);
        }
    }

    /** {@code service:0,complaint:1} (a queue without a penalty has 0); {@link IllegalArgumentException} saying what is wrong. */
    public static List<QueueSeat> parse(String text) {
        List<QueueSeat> seats = new ArrayList<>();
        for (String part : text.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.indexOf(':');
            int penalty;
            try {
                penalty = colon < 0 ? 0 : Integer.parseInt(item.substring(colon + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + item + "': the penalty after ':' is a whole number");
            }
            QueueSeat seat = new QueueSeat(colon < 0 ? item : item.substring(0, colon).strip(), penalty);
            if (seats.stream().anyMatch(s -> s.queue().equals(seat.queue()))) {
                throw new IllegalArgumentException("'" + seat.queue() + "' is named twice");
            }
            seats.add(seat);
        }
        return List.copyOf(seats);
    }
}
