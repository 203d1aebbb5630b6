package org.hotline.ivr.engine;

import org.hotline.ivr.flow.CallbackWindow;
import org.hotline.ivr.flow.OfferCallback;
import org.hotline.ivr.services.CallbackRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The offer-callback node: reads back the number the caller is calling from and asks to
 * confirm it (1), key another (2) or cancel (0); lets them choose a window; schedules the
 * callback with the service desk and tells them it is booked. A number the dialling policy
 * refuses (international, premium-rate) is not taken: the caller is asked to key another.
 */
final class CallbackOffer {

    private static final int NUMBER_ATTEMPTS = 2;

    private CallbackOffer() {
    }

    static CompletionStage<String> run(Session s, OfferCallback node) {
        String raw = s.channel.call().callerNumber();
        CompletionStage<Optional<String>> number = s.variables.containsKey("caller.number") && !raw.isBlank()
                ? confirm(s, node, raw, 1) : enterNumber(s, node, 1);
        return number.thenCompose(phone -> {
            if (phone.isEmpty()) {
                return Steps.goTo(node.onDeclined());
            }
            return chooseWindow(s, node).thenCompose(window -> schedule(s, node, phone.get(), window));
        });
    }

    private static CompletionStage<Optional<String>> confirm(Session s, OfferCallback node, String raw, int attempt) {
        return s.channel.sayDigits(raw.replaceAll("[^0-9]", ""))
                .thenCompose(x -> s.channel.read(s.sound(node.confirmPrompt()), node.timeout(), 1))
                .thenCompose(key -> {
                    s.pressed(node.id(), key);
                    return switch (key) {
                        case "1" -> s.services.mayDial(s.variables.get("caller.number"))
                                ? java.util.concurrent.CompletableFuture.completedFuture(Optional.of(s.variables.get("caller.number")))
                                : enterNumber(s, node, 1); // a number that may not be called back: ask for another
                        case "2" -> enterNumber(s, node, 1);
                        case "0" -> java.util.concurrent.CompletableFuture.completedFuture(Optional.<String>empty());
                        default -> attempt >= NUMBER_ATTEMPTS
                                ? java.util.concurrent.CompletableFuture.completedFuture(Optional.<String>empty())
                                : confirm(s, node, raw, attempt + 1);
                    };
                });
    }

    private static CompletionStage<Optional<String>> enterNumber(Session s, OfferCallback node, int attempt) {
        return s.channel.read(s.sound(node.numberPrompt()), node.timeout(), 20).thenCompose(digits -> {
            s.pressed(node.id(), digits);
            Optional<String> phone = digits.length() >= 5 ? s.services.normalizePhone(digits).filter(s.services::mayDial) : Optional.empty();
            if (phone.isPresent() || attempt >= NUMBER_ATTEMPTS) {
                return java.util.concurrent.CompletableFuture.completedFuture(phone);
            }
            return enterNumber(s, node, attempt + 1);
        });
    }

    private static CompletionStage<CallbackWindow> chooseWindow(Session s, OfferCallback node) {
        CallbackWindow first = node.windows().values().iterator().next();
        if (node.windows().size() == 1) {
            return java.util.concurrent.CompletableFuture.completedFuture(first);
        }
        return s.channel.read(s.sound(node.windowPrompt().orElseThrow()), node.timeout(), 1).thenApply(key -> {
            s.pressed(node.id(), key);
            return node.windows().getOrDefault(key, first);
        });
    }

    private static CompletionStage<String> schedule(Session s, OfferCallback node, String phone, CallbackWindow window) {
        Instant now = s.clock.instant();
        String calendar = Optional.ofNullable(s.flow.settings().get("calendar")).orElse("");
        Instant due = now;
        Optional<Instant> notAfter = Optional.empty();
        switch (window.kind()) {
            case ASAP -> due = calendar.isEmpty() || s.services.isOpen(calendar, now) ? now : s.services.nextOpening(calendar, now);
            case NEXT_OPENING -> due = calendar.isEmpty() ? now : s.services.nextOpening(calendar, now);
            case BETWEEN -> {
                ZonedDateTime local = now.atZone(s.services.zone());
                LocalDate day = local.toLocalTime().isBefore(window.to().orElseThrow()) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
                Instant from = day.atTime(window.from().orElseThrow()).atZone(s.services.zone()).toInstant();
                due = from.isAfter(now) ? from : now;
                notAfter = Optional.of(day.atTime(window.to().orElseThrow()).atZone(s.services.zone()).toInstant());
            }
        }
        int priority = s.longValue("priority").map(Long::intValue).orElse(0);
        CallbackRequest request = new CallbackRequest(node.reason(), phone, s.longValue("customer.id"), s.longValue("record.id"),
                node.queue().render(s::get), due, notAfter, priority);
        Instant dueAt = due;
        CompletionStage<Long> scheduling = s.services.scheduleCallback(request);
        s.callbackAsked = true;
        return s.write(scheduling, "a callback asked for", s.callbacksWritten::add).thenCompose(scheduled -> {
            scheduled.ifPresentOrElse(id -> {
                s.callbacks.add(id);
                s.set("callback.id", id);
            }, () -> DeskSteps.unanswered(s, null)); // booked when the desk can: the caller's wish is kept all the same
            s.set("callback.due", dueAt);
            return node.donePrompt().map(p -> s.channel.play(List.of(s.sound(p)))).orElseGet(Steps::none)
                    .thenCompose(x -> Steps.goTo(node.next()));
        });
    }
}
