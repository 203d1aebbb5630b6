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
import org.hotline.api.problem.ProblemCode;
import org.hotline.desk.customers.CustomerSearch;
import org.hotline.desk.customers.PhoneNumbers;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;


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
        CustomerSearch.By by;
        if (phone != null && !phone.isBlank()) {
            by = new CustomerSearch.By.Phone(phones.normalize(phone).orElseThrow(() -> new InvalidRequest(List.of("phone: not a phone number"))));
        } else if (name != null && !name.isBlank()) {
            by = new CustomerSearch.By.NameStart(name);
        } else if (serial != null && !serial.isBlank()) {
            by = new CustomerSearch.By.Serial(serial);
        } else {
            throw new InvalidRequest(List.of("give phone, name (its start) or serial"));
        }
        vertx.executeBlocking(() -> CustomerSearch.find(DSL.using(dataSource, SQLDialect.POSTGRES), by, LIMIT), false)
                .onSuccess(found -> ctx.json(new JsonObject().put("customers", new JsonArray(found.stream().map(c -> new JsonObject()
                        .put("id", c.id()).put("name", c.name()).put("organisation", c.organisation().orElse(null))
                        .put("keyCustomer", c.keyCustomer()).put("city", c.city().orElse(null))).toList()))))
                .onFailure(ctx::fail);
    }

    private void detail(RoutingContext ctx) {
        long id = pathId(ctx);
        vertx.executeBlocking(() -> cards.customerDetail(DSL.using(dataSource, SQLDialect.POSTGRES), id,
                        clock.instant().atZone(zone).toLocalDate()), false)
                .onSuccess(card -> card.ifPresentOrElse(ctx::json,
                        () -> Problem.of(ProblemCode.NOT_FOUND, "no customer " + id).send(ctx)))
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
