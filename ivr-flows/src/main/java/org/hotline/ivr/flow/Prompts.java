package org.hotline.ivr.flow;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The prompts of a flow: a name used by the nodes, and the Asterisk sound to play for it in
 * each language the flow speaks. The first language is the default for a channel whose
 * language the flow does not speak.
 */
public record Prompts(List<String> languages, Map<String, Map<String, String>> sounds) {

    public Prompts {
        languages = List.copyOf(languages);
        sounds = Map.copyOf(sounds);
    }

    public boolean has(String prompt) {
        return sounds.containsKey(prompt);
    }

    /** The sound of {@code prompt} in {@code language}, or in the default language. */
    public String sound(String prompt, String language) {
        Map<String, String> byLanguage = sounds.get(prompt);
        if (byLanguage == null) {
            throw new IllegalArgumentException("no prompt '" + prompt + "'");
        }
        return Optional.ofNullable(byLanguage.get(language)).orElseGet(() -> byLanguage.get(languages.getFirst()));
    }

    /** The language a channel in {@code channelLanguage} hears. */
    public String languageFor(String channelLanguage) {
        return languages.contains(channelLanguage) ? channelLanguage : languages.getFirst();
    }
}
