package org.hotline.ivr.engine;

import org.hotline.ivr.flow.Collect;
import org.hotline.ivr.flow.Menu;
import org.hotline.ivr.flow.Play;
import org.hotline.ivr.flow.Say;
import org.hotline.ivr.flow.SurveyQuestion;
import org.hotline.ivr.services.SurveyAnswer;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The nodes that talk to the caller: play, say, menu, collect, survey question. */
final class Prompting {

    private Prompting() {
    }

    static CompletionStage<String> play(Session s, Play node) {
        List<String> sounds = node.prompts().stream().map(s::sound).toList();
        if (!node.bargeIn()) {
            return s.channel.play(sounds).thenCompose(x -> Steps.goTo(node.next()));
        }
        return untilKey(s, () -> s.channel.playUntilKey(sounds)).thenCompose(x -> Steps.goTo(node.next()));
    }

    /** A barge-in prompt: skipped when a key is already typed ahead, else played until one is pressed (kept for what reads next). */
    static CompletionStage<Void> untilKey(Session s, java.util.function.Supplier<CompletionStage<Optional<Character>>> prompt) {
        if (s.typedAhead != null) {
            return Steps.none();
        }
        return prompt.get().thenAccept(key -> key.ifPresent(k -> s.typedAhead = k));
    }

    static CompletionStage<String> say(Session s, Say node) {
        String value = node.value().render(s::get);
        String digits = value.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return Steps.goTo(node.next()); // nothing to read out: an unset variable is skipped, not an error for the caller
        }
        CompletionStage<Void> said = node.kind() == Say.Kind.DIGITS
                ? node.bargeIn() ? untilKey(s, () -> s.channel.sayDigitsUntilKey(digits)) : s.channel.sayDigits(digits)
                : s.channel.sayNumber(Long.parseLong(digits.length() > 18 ? digits.substring(0, 18) : digits));
        return said.thenCompose(x -> Steps.goTo(node.next()));
    }

    static CompletionStage<String> menu(Session s, Menu node, int attempt) {
        return keyOrRead(s, node.prompt(), node.timeout()).thenCompose(key -> {
            s.pressed(node.id(), key);
            String target = node.options().get(key);
            if (target != null) {
                return Steps.goTo(target);
            }
            if (attempt >= node.attempts()) {
                return Steps.goTo(key.isEmpty() ? node.onTimeout() : node.onInvalid());
            }
            return sorry(s, node.invalidPrompt()).thenCompose(x -> menu(s, node, attempt + 1));
        });
    }

    static CompletionStage<String> collect(Session s, Collect node, int attempt) {
        return s.channel.read(s.sound(node.prompt()), node.timeout(), node.maxDigits()).thenCompose(digits -> {
            s.pressed(node.id(), digits);
            boolean valid = digits.length() >= node.minDigits() && digits.length() <= node.maxDigits()
                    && node.pattern().map(p -> p.matcher(digits).matches()).orElse(true);
            if (valid) {
                s.set(node.into(), digits);
                return Steps.goTo(node.next());
            }
            if (attempt >= node.attempts()) {
                return Steps.goTo(node.onFail());
            }
            return sorry(s, node.invalidPrompt()).thenCompose(x -> collect(s, node, attempt + 1));
        });
    }

    static CompletionStage<String> survey(Session s, SurveyQuestion node, int attempt) {
        return keyOrRead(s, node.prompt(), node.timeout()).thenCompose(key -> {
            s.pressed(node.id(), key);
            int score = key.matches("[1-9]") ? Integer.parseInt(key) : 0;
            if (score >= 1 && score <= node.scale().highestKey()) {
                s.set(node.into(), score);
                s.surveyAnswered = true;
                Optional<Long> record = s.longValue("record.id").or(() -> s.longValue("arg.record"));
                Optional<Long> customer = s.longValue("customer.id");
                // the answer joins the response its survey's earlier answer makes, even one still waiting to be written
                CompletableFuture<Optional<Long>> earlier = s.surveyResponses.getOrDefault(node.survey(),
                        CompletableFuture.completedFuture(Optional.empty()));
                CompletableFuture<Long> saving = earlier.thenCompose(response -> s.services.saveSurveyAnswer(new SurveyAnswer(
                        node.survey(), node.question(), node.text(), node.scale().name().toLowerCase(java.util.Locale.ROOT), score,
                        record, customer, response)).toCompletableFuture());
                s.surveyResponses.put(node.survey(), saving.thenApply(Optional::of).exceptionally(e -> Optional.empty()));
                return s.write(saving, "a survey answer", response -> { }).thenCompose(response -> {
                    response.ifPresent(id -> s.set("survey.response." + node.survey(), id));
                    return Steps.goTo(node.next());
                });
            }
            if (attempt >= node.attempts()) {
                return Steps.goTo(node.onNoAnswer());
            }
            return sorry(s, node.invalidPrompt()).thenCompose(x -> survey(s, node, attempt + 1));
        });
    }

    /** The key typed ahead during a barge-in prompt, else {@code prompt} played and one key read. */
    private static CompletionStage<String> keyOrRead(Session s, String prompt, java.time.Duration timeout) {
        return s.takeTypedAhead().<CompletionStage<String>>map(k -> java.util.concurrent.CompletableFuture.completedFuture(String.valueOf(k)))
                .orElseGet(() -> s.channel.read(s.sound(prompt), timeout, 1));
    }

    private static CompletionStage<Void> sorry(Session s, Optional<String> prompt) {
        return prompt.map(p -> s.channel.play(List.of(s.sound(p)))).orElseGet(Steps::none);
    }
}
