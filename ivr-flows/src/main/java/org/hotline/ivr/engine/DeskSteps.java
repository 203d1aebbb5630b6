package org.hotline.ivr.engine;

import org.hotline.ivr.flow.CreateRecord;
import org.hotline.ivr.flow.EstimateWait;
import org.hotline.ivr.flow.FindProduct;
import org.hotline.ivr.flow.LookupCaller;
import org.hotline.ivr.flow.PickProduct;
import org.hotline.ivr.services.CallerProfile;
import org.hotline.ivr.services.CreatedRecord;
import org.hotline.ivr.services.Product;
import org.hotline.ivr.services.RecordRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** The nodes that ask the service desk or the PBX: caller lookup, products, records, expected wait. */
final class DeskSteps {

    private DeskSteps() {
    }

    static CompletionStage<String> lookupCaller(Session s, LookupCaller node) {
        String phone = s.variables.get("caller.number");
        CompletionStage<Optional<CallerProfile>> found = phone == null
                ? java.util.concurrent.CompletableFuture.completedFuture(Optional.of(CallerProfile.unknown()))
                : s.lookup(s.services.lookupCaller(phone), "the caller's lookup");
        return found.thenCompose(answer -> {
            CallerProfile p = answer.orElseGet(() -> unanswered(s, CallerProfile.unknown())); // not known, as far as the flow can tell
            s.set("customer.known", p.customer().isPresent());
            p.customer().ifPresent(c -> {
                s.set("customer.id", c.id());
                s.set("customer.name", c.name());
                s.set("customer.key", c.keyCustomer());
                s.set("customer.products", c.products());
                s.set("customer.crisis", c.crisis());
            });
            if (p.customer().isEmpty()) {
                s.set("customer.key", false);
                s.set("customer.products", 0);
                s.set("customer.crisis", false);
            }
            s.set("record.open", p.openRecord().isPresent());
            p.openRecord().ifPresent(r -> {
                s.set("record.id", r.id());
                s.set("record.number", r.number());
                s.set("record.status", r.status());
                s.set("record.type", r.type());
            });
            return Steps.goTo(node.next());
        });
    }

    static CompletionStage<String> pickProduct(Session s, PickProduct node) {
        Optional<Long> customer = s.longValue("customer.id");
        if (customer.isEmpty()) {
            return Steps.goTo(node.onNone());
        }
        return s.lookup(s.services.products(customer.get()), "the caller's products").thenCompose(answer -> {
            List<Product> products = answer.orElseGet(() -> unanswered(s, List.of())).stream().limit(9).toList();
            if (products.isEmpty()) {
                return Steps.goTo(node.onNone());
            }
            // the list plays until the caller presses a key: one who knows their product's key need not hear it out
            List<Supplier<CompletionStage<Void>>> reading = new ArrayList<>();
            reading.add(() -> Prompting.untilKey(s, () -> s.channel.playUntilKey(List.of(s.sound(node.prompt())))));
            for (int i = 0; i < products.size(); i++) {
                String key = String.valueOf(i + 1);
                String serial = products.get(i).serial().orElse("");
                reading.add(() -> Prompting.untilKey(s, () -> s.channel.sayDigitsUntilKey(key)));
                reading.add(() -> Prompting.untilKey(s, () -> s.channel.playUntilKey(List.of(s.sound(node.itemPrompt())))));
                if (!serial.replaceAll("[^0-9]", "").isEmpty()) {
                    String digits = serial.replaceAll("[^0-9]", "");
                    reading.add(() -> Prompting.untilKey(s, () -> s.channel.sayDigitsUntilKey(digits.substring(Math.max(0, digits.length() - 4)))));
                }
            }
            return Steps.inOrder(reading).thenCompose(x -> s.takeTypedAhead().<CompletionStage<Optional<Character>>>map(
                    k -> java.util.concurrent.CompletableFuture.completedFuture(Optional.of(k)))
                    .orElseGet(() -> s.channel.waitForKey(node.timeout()))).thenCompose(key -> {
                s.pressed(node.id(), key.map(String::valueOf).orElse(""));
                int index = key.filter(Character::isDigit).map(k -> k - '1').orElse(-1);
                if (index < 0 || index >= products.size()) {
                    return Steps.goTo(node.onNone());
                }
                chose(s, products.get(index));
                return Steps.goTo(node.next());
            });
        });
    }

    static CompletionStage<String> findProduct(Session s, FindProduct node) {
        String serial = node.serial().render(s::get).trim();
        if (serial.isEmpty()) {
            return Steps.goTo(node.onUnknown());
        }
        return s.lookup(s.services.productBySerial(serial), "the product by serial").thenCompose(answer -> {
            Optional<Product> found = answer.orElseGet(() -> unanswered(s, Optional.empty()));
            if (found.isEmpty()) {
                s.set("asset.serial", serial);
                return Steps.goTo(node.onUnknown());
            }
            chose(s, found.get());
            if (!"true".equals(s.variables.get("customer.known"))) {
                s.set("customer.id", found.get().customerId());
                s.set("customer.known", true);
            }
            return Steps.goTo(node.next());
        });
    }

    private static void chose(Session s, Product product) {
        s.set("asset.id", product.assetId());
        s.set("asset.model", product.model());
        product.serial().ifPresent(serial -> s.set("asset.serial", serial));
        s.set("warranty", product.warranty());
    }

    static CompletionStage<String> createRecord(Session s, CreateRecord node) {
        String type = node.type().render(s::get).replace('-', '_');
        String key = "ivr:" + s.channel.call().server() + ":" + s.channel.call().uniqueid() + ":" + s.flow.name() + ":" + node.id();
        String phone = Optional.ofNullable(s.variables.get("caller.number")).orElse(s.channel.call().callerNumber());
        RecordRequest request = new RecordRequest(type, node.priority().render(s::get), s.longValue("customer.id"), s.longValue("asset.id"),
                phone, node.summary().map(t -> t.render(s::get)), s.id == 0 ? Optional.empty() : Optional.of(s.id), key);
        CompletionStage<CreatedRecord> creating = s.services.createRecord(request);
        s.recordAsked = true;
        return s.write(creating, "the IVR's record " + key, record -> s.recordsWritten.add(record.id())).thenCompose(created -> {
            if (created.isEmpty()) {
                // made when the desk can (the caller is not held for it); its number cannot be told, nor an older record handed on
                unanswered(s, null);
                s.set("record.created", false);
                List.of("record.id", "record.number", "record.type", "record.status").forEach(s.variables::remove);
                s.variables.putIfAbsent("intent", type);
                return Steps.goTo(node.next());
            }
            CreatedRecord record = created.get();
            if (!s.recordsCreated.contains(record.id())) {
                s.recordsCreated.add(record.id());
            }
            s.set("record.id", record.id());
            s.set("record.number", record.number());
            s.set("record.type", record.type());
            s.set("record.status", record.status());
            s.set("record.created", true);
            s.variables.putIfAbsent("intent", record.type());
            return Steps.goTo(node.next());
        });
    }

    static CompletionStage<String> estimateWait(Session s, EstimateWait node) {
        return s.desk.within(s.services.expectedWait(node.queue().render(s::get)), "the expected wait", false).thenCompose(answer -> {
            java.time.Duration wait = answer.orElseGet(() -> unanswered(s, java.time.Duration.ZERO));
            s.set(node.into(), wait.toSeconds());
            s.set(node.into() + ".minutes", Math.max(1, (wait.toSeconds() + 59) / 60));
            return Steps.goTo(node.next());
        });
    }

    /** Notes in the session that the desk did not answer ({@code desk.unanswered}, for flows to branch on); gives {@code instead}. */
    static <T> T unanswered(Session s, T instead) {
        s.set("desk.unanswered", true);
        return instead;
    }
}
