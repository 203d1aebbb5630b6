package org.hotline.api.customers;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hotline.api.DeskWork;
import org.hotline.api.RequestBody;
import org.hotline.api.auth.Bearer;
import org.hotline.desk.ServiceDesk;
import org.hotline.desk.customers.AssetEdit;
import org.hotline.desk.customers.CustomerArchive;
import org.hotline.desk.customers.CustomerEdit;
import org.hotline.desk.customers.NewAsset;
import org.hotline.desk.customers.NewCustomer;
import org.hotline.desk.customers.NewPhone;
import org.hotline.schema.jooq.tables.records.CustomerRecord;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The customer archive as agents keep it (any signed-in agent: they register the callers):
 * {@code POST /customers} (with phones and products; one already known by a phone or serial is
 * 422 with who, unless {@code evenIfKnown}), {@code PATCH /customers/{id}} (against the version
 * read: 409 with the current one), {@code /customers/{id}/phones} (list, add, remove),
 * {@code /customers/{id}/products} (list, add), {@code PATCH /products/{id}},
 * {@code GET /customers/{id}/contracts}.
 */
public final class ArchiveRoutes {

    private final Vertx vertx;
    private final DataSource dataSource;
    private final ServiceDesk desk;
    private final ZoneId zone;
    private final Clock clock;

    public ArchiveRoutes(Vertx vertx, DataSource dataSource, ServiceDesk desk, ZoneId zone, Clock clock) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.desk = desk;
        this.zone = zone;
        this.clock = clock;
    }

    public void mount(Router router, Bearer bearer) {
        router.post("/customers").handler(bearer.authenticated()).handler(this::create);
        router.patch("/customers/:id").handler(bearer.authenticated()).handler(this::edit);
        router.get("/customers/:id/phones").handler(bearer.authenticated()).handler(this::phones);
        router.post("/customers/:id/phones").handler(bearer.authenticated()).handler(this::addPhone);
        router.delete("/customers/:id/phones/:phoneId").handler(bearer.authenticated()).handler(this::removePhone);
        router.get("/customers/:id/products").handler(bearer.authenticated()).handler(this::products);
        router.post("/customers/:id/products").handler(bearer.authenticated()).handler(this::addProduct);
        router.patch("/products/:id").handler(bearer.authenticated()).handler(this::editProduct);
        router.get("/customers/:id/contracts").handler(bearer.authenticated()).handler(this::contracts);
    }

    private void create(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String name = body.text("name", 200);
        List<NewPhone> phones = body.objects("phones", 10).stream().map(ArchiveRoutes::phone).toList();
        List<NewAsset> assets = body.objects("products", 50).stream().map(ArchiveRoutes::asset).toList();
        NewCustomer customer = new NewCustomer(name, body.presentText("organisation", 200), body.presentText("industry", 100),
                body.presentText("address", 300), body.presentText("city", 100), body.presentText("zone", 40),
                body.presentInteger("distanceKm", 0, 40_000), body.presentBoolean("keyCustomer").orElse(false),
                body.presentDate("customerSince"), body.presentText("notes", 2000), phones, assets,
                body.presentBoolean("evenIfKnown").orElse(false));
        body.check();
        DeskWork.run(vertx, ctx, () -> {
            long id = desk.onCustomers((customers, tx) -> customers.create(tx, customer));
            return customer(db(), id);
        }, created -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                .putHeader("Location", org.hotline.api.AgentApi.BASE + "/customers/" + created.getLong("id")).end(created.encode()));
    }

    private void edit(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        CustomerEdit edit = new CustomerEdit(body.presentText("name", 200), body.presentText("organisation", 200),
                body.presentText("industry", 100), body.presentText("address", 300), body.presentText("city", 100),
                body.presentText("zone", 40), body.presentInteger("distanceKm", 0, 40_000), body.presentBoolean("keyCustomer"),
                body.presentDate("customerSince"), body.presentText("notes", 2000), body.presentInteger("version", 0, Integer.MAX_VALUE));
        edit.name().filter(String::isBlank).ifPresent(blank -> body.wrong("name: required text"));
        body.check();
        DeskWork.run(vertx, ctx, () -> {
            desk.onCustomers((customers, tx) -> customers.edit(tx, id, edit));
            return customer(db(), id);
        }, ctx::json, stale -> customer(db(), id));
    }

    private void phones(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        DeskWork.run(vertx, ctx, () -> phones(db(), id), ctx::json);
    }

    private void addPhone(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        NewPhone phone = phone(body);
        body.check();
        DeskWork.run(vertx, ctx, () -> {
            desk.onCustomers((customers, tx) -> customers.addPhone(tx, id, phone));
            return phones(db(), id);
        }, ctx::json);
    }

    private void removePhone(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        long phoneId = pathLong(ctx, "phoneId");
        DeskWork.run(vertx, ctx, () -> {
            desk.onCustomers((customers, tx) -> {
                customers.removePhone(tx, id, phoneId);
                return null;
            });
            return phones(db(), id);
        }, ctx::json);
    }

    private void products(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        DeskWork.run(vertx, ctx, () -> {
            existing(db(), id);
            return new JsonObject().put("products", new JsonArray(CustomerArchive.products(db(), id, today()).stream()
                    .map(ArchiveRoutes::json).toList()));
        }, ctx::json);
    }

    private void addProduct(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        NewAsset asset = asset(body);
        body.check();
        DeskWork.run(vertx, ctx, () -> {
            long assetId = desk.onCustomers((customers, tx) -> customers.addAsset(tx, id, asset));
            return json(CustomerArchive.product(db(), assetId, today()).orElseThrow());
        }, product -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json").end(product.encode()));
    }

    private void editProduct(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        RequestBody body = RequestBody.of(ctx);
        AssetEdit edit;
        var model = body.presentText("model", 200);
        var serial = body.presentText("serialNumber", 100);
        var quantity = body.presentInteger("quantity", 1, 100_000);
        var purchased = body.presentDate("purchasedOn");
        var installed = body.presentDate("installedOn");
        var warrantyEnds = body.presentDate("warrantyEndsOn");
        var contract = body.optionalId("contractId");
        var proof = body.presentText("proofOfPurchase", 200);
        var address = body.presentText("address", 300);
        var version = body.presentInteger("version", 0, Integer.MAX_VALUE);
        model.filter(String::isBlank).ifPresent(blank -> body.wrong("model: required text"));
        body.check();
        edit = new AssetEdit(model, serial, quantity, purchased, installed, warrantyEnds, contract, proof, address, version);
        DeskWork.run(vertx, ctx, () -> {
            desk.onCustomers((customers, tx) -> customers.editAsset(tx, id, edit));
            return json(CustomerArchive.product(db(), id, today()).orElseThrow());
        }, ctx::json, stale -> CustomerArchive.product(db(), id, today()).map(ArchiveRoutes::json).orElse(null));
    }

    private void contracts(RoutingContext ctx) {
        long id = CustomerRoutes.pathId(ctx);
        DeskWork.run(vertx, ctx, () -> {
            existing(db(), id);
            return new JsonObject().put("contracts", new JsonArray(CustomerArchive.contracts(db(), id).stream().map(c -> new JsonObject()
                    .put("id", c.id()).put("number", c.number()).put("kind", c.kind()).put("startsOn", c.startsOn().toString())
                    .put("endsOn", c.endsOn().map(LocalDate::toString).orElse(null)).put("warrantyMonths", c.warrantyMonths().orElse(null))
                    .put("chargingClass", c.chargingClass().orElse(null))).toList()));
        }, ctx::json);
    }

    private static NewPhone phone(RequestBody body) {
        String number = body.text("number", 40);
        String kind = body.presentText("kind", 20).orElse("mobile");
        if (!NewPhone.KINDS.contains(kind)) {
            body.wrong("kind: one of " + String.join(", ", new java.util.TreeSet<>(NewPhone.KINDS)));
            kind = "other";
        }
        return new NewPhone(number, kind, body.presentBoolean("primary").orElse(false));
    }

    private static NewAsset asset(RequestBody body) {
        String model = body.text("model", 200);
        var productModel = body.optionalId("productModelId");
        var serial = body.presentText("serialNumber", 100).filter(s -> !s.isBlank());
        int quantity = body.presentInteger("quantity", 1, 100_000).orElse(1);
        var purchased = body.presentDate("purchasedOn");
        var installed = body.presentDate("installedOn");
        if (purchased.isPresent() && installed.isPresent() && installed.get().isBefore(purchased.get())) {
            body.wrong("installedOn: not before purchasedOn");
            installed = Optional.empty();
        }
        return new NewAsset(model, productModel, serial, Math.max(1, quantity), purchased, installed, body.presentDate("warrantyEndsOn"),
                body.optionalId("contractId"), body.presentText("proofOfPurchase", 200), body.presentText("address", 300));
    }

    private JsonObject customer(DSLContext db, long id) {
        CustomerRecord c = existing(db, id);
        return new JsonObject().put("id", c.getId()).put("name", c.getName()).put("organisation", c.getOrganisation())
                .put("industry", c.getIndustry()).put("address", c.getAddress()).put("city", c.getCity()).put("zone", c.getZone())
                .put("distanceKm", c.getDistanceKm()).put("keyCustomer", c.getKeyCustomer())
                .put("customerSince", c.getCustomerSince() == null ? null : c.getCustomerSince().toString()).put("notes", c.getNotes())
                .put("version", c.getVersion()).put("phones", phones(db, id).getJsonArray("phones"))
                .put("products", new JsonArray(CustomerArchive.products(db, id, today()).stream().map(ArchiveRoutes::json).toList()));
    }

    private static CustomerRecord existing(DSLContext db, long id) {
        return CustomerArchive.customer(db, id).orElseThrow(() -> new IllegalArgumentException("no customer " + id));
    }

    private static JsonObject phones(DSLContext db, long id) {
        existing(db, id);
        return new JsonObject().put("phones", new JsonArray(CustomerArchive.phones(db, id).stream().map(p -> new JsonObject()
                .put("id", p.id()).put("number", p.number()).put("kind", p.kind()).put("primary", p.primary())).toList()));
    }

    static JsonObject json(CustomerArchive.Product product) {
        var a = product.asset();
        return new JsonObject().put("id", a.getId()).put("customerId", a.getCustomerId()).put("model", a.getModel())
                .put("productModelId", a.getProductModelId()).put("serialNumber", a.getSerialNumber()).put("quantity", a.getQuantity())
                .put("purchasedOn", text(a.getPurchasedOn())).put("installedOn", text(a.getInstalledOn()))
                .put("warrantyEndsOn", text(a.getWarrantyEndsOn())).put("warranty", product.warranty())
                .put("contractId", a.getContractId()).put("proofOfPurchase", a.getProofOfPurchase()).put("address", a.getAddress())
                .put("version", a.getVersion());
    }

    private static String text(LocalDate day) {
        return day == null ? null : day.toString();
    }

    private LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    private DSLContext db() {
        return DSL.using(dataSource, SQLDialect.POSTGRES);
    }

    private static long pathLong(RoutingContext ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw new org.hotline.api.problem.InvalidRequest(List.of(name + ": a whole number"));
        }
    }
}
