package org.hotline.api.customers;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.auth.Bearer;
import org.hotline.api.pops.ScreenPops;
import org.hotline.api.problem.InvalidRequest;
import org.hotline.api.problem.Problem;
import org.hotline.desk.customers.PhoneNumbers;
import org.jooq.Condition;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;

/**
 * {@code GET /customers?phone=|name=|serial=} (at most 20, by indexed lookups: a number in any
 * form, the start of a name, a product serial) and {@code GET /customers/{id}} (the card with
 * phones, products and warranty, the last calls and records, open records with their clocks).
 */
public final class CustomerRoutes {

    private static final int LIMIT = 20;

    private final Vertx vertx;
    private final DataSource dataSource;
    private final PhoneNumbers phones;
    private final ZoneId zone;
    private final Clock clock;
    private final ScreenPops cards = new ScreenPops();

    public CustomerRoutes(Vertx vertx, DataSource dataSource, PhoneNumbers phones, ZoneId zone, Clock clock) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.phones = phones;
        this.zone = zone;
        this.clock = clock;
    }

    public void mount(Router router, Bearer bearer) {
        router.get("/customers").handler(bearer.authenticated()).handler(this::search);
        router.get("/customers/:id").handler(bearer.authenticated()).handler(this::detail);
    }

    private void search(RoutingContext ctx) {
        String phone = ctx.queryParams().get("phone");
        String name = ctx.queryParams().get("name");
        String serial = ctx.queryParams().get("serial");
        Condition where;
        if (phone != null && !phone.isBlank()) {
            String number = phones.normalize(phone).orElseThrow(() -> new InvalidRequest(List.of("phone: not a phone number")));
            where = CUSTOMER.ID.in(DSL.select(CUSTOMER_PHONE.CUSTOMER_ID).from(CUSTOMER_PHONE).where(CUSTOMER_PHONE.NUMBER.eq(number)));
        } else if (name != null && !name.isBlank()) {
            where = DSL.lower(CUSTOMER.NAME).startsWith(name.strip().toLowerCase(java.util.Locale.ROOT));
        } else if (serial != null && !serial.isBlank()) {
            where = CUSTOMER.ID.in(DSL.select(ASSET.CUSTOMER_ID).from(ASSET).where(ASSET.SERIAL_NUMBER.eq(serial.strip())));
        } else {
            throw new InvalidRequest(List.of("give phone, name (its start) or serial"));
        }
        vertx.executeBlocking(() -> DSL.using(dataSource, SQLDialect.POSTGRES)
                        .select(CUSTOMER.ID, CUSTOMER.NAME, CUSTOMER.ORGANISATION, CUSTOMER.KEY_CUSTOMER, CUSTOMER.CITY)
                        .from(CUSTOMER).where(where).orderBy(CUSTOMER.NAME, CUSTOMER.ID).limit(LIMIT)
                        .fetch(r -> new JsonObject().put("id", r.value1()).put("name", r.value2()).put("organisation", r.value3())
                                .put("keyCustomer", r.value4()).put("city", r.value5())), false)
                .onSuccess(list -> ctx.json(new JsonObject().put("customers", new JsonArray(list))))
                .onFailure(ctx::fail);
    }

    private void detail(RoutingContext ctx) {
        long id = pathId(ctx);
        vertx.executeBlocking(() -> cards.customerDetail(DSL.using(dataSource, SQLDialect.POSTGRES), id,
                        clock.instant().atZone(zone).toLocalDate()), false)
                .onSuccess(card -> card.ifPresentOrElse(ctx::json,
                        () -> Problem.of(404, "Not found", "no customer " + id).send(ctx)))
                .onFailure(ctx::fail);
    }

    public static long pathId(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new InvalidRequest(List.of("id: a whole number"));
        }
    }
}
