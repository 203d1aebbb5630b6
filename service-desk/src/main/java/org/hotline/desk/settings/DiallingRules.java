package org.hotline.desk.settings;

import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import org.hotline.desk.customers.DiallingPolicy;
import org.hotline.desk.yaml.YamlMap;
import org.hotline.desk.yaml.YamlNode;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads {@code phone-numbers.dialling} of service-desk.yaml into a {@link DiallingPolicy}; problems name the file and line. */
final class DiallingRules {

    private DiallingRules() {
    }

    static DiallingPolicy read(String countryCode, YamlNode node) {
        YamlMap dialling = node.mapping("other-countries", "kinds");
        Set<Integer> others = new TreeSet<>();
        for (YamlNode country : dialling.optional("other-countries").map(YamlNode::list).orElse(List.of())) {
            if (!country.text().matches("[1-9][0-9]{0,2}")) {
                throw country.error("'" + country.text() + "' is not a country calling code like 852");
            }
            others.add(Integer.parseInt(country.text()));
        }
        Set<PhoneNumberType> kinds = EnumSet.noneOf(PhoneNumberType.class);
        for (YamlNode kind : dialling.optional("kinds").map(YamlNode::list).orElse(List.of())) {
            kinds.add(DiallingPolicy.kind(kind.text()).orElseThrow(() -> kind.error("'" + kind.text()
                    + "' is not a kind of number (" + String.join(", ", DiallingPolicy.kindNames()) + ")")));
        }
        return new DiallingPolicy(Integer.parseInt(countryCode), others, kinds.isEmpty() ? DiallingPolicy.DEFAULT_KINDS : kinds);
    }
}
