package org.hotline.desk.customers;

import org.hotline.desk.access.StaleVersion;
import org.hotline.desk.access.UnknownReference;
import org.hotline.schema.jooq.tables.records.AssetRecord;
import org.hotline.schema.jooq.tables.records.CustomerRecord;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jooq.UpdatableRecord;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CONTRACT;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;
import static org.hotline.schema.jooq.Tables.PRODUCT_MODEL;

/**
 * The customer archive (客户档案) as agents keep it: customers registered (one already known by a
 * phone or serial is offered instead of a second, unless the agent says it is another), edited
 * against the version they saw, their phones added (normalised to E.164) and removed, their
 * products added and edited. A zone must be one the SLA policies name, so the on-site clocks run.
 */
public final class CustomerDirectory {

    private final PhoneNumbers numbers;
    private final Set<String> zones;
    private final Clock clock;

    public CustomerDirectory(PhoneNumbers numbers, Set<String> zones, Clock clock) {
        this.numbers = numbers;
        this.zones = Set.copyOf(zones);
        this.clock = clock;
    }

    /** Registers {@code c}; {@link KnownCustomers} when one of its phones or serials is a customer's already. Returns the id. */
    public long create(DSLContext tx, NewCustomer c) {
        checkZone(c.zone());
        Map<String, NewPhone> phones = new LinkedHashMap<>();
        for (NewPhone phone : c.phones()) {
            phones.putIfAbsent(e164(phone.number()), phone);
        }
        if (!c.evenIfKnown()) {
            refuseKnown(tx, phones.keySet(), c.assets().stream().flatMap(a -> a.serialNumber().stream()).toList());
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        CustomerRecord row = tx.newRecord(CUSTOMER);
        row.setName(c.name());
        row.setOrganisation(c.organisation().orElse(null));
        row.setIndustry(c.industry().orElse(null));
        row.setAddress(c.address().orElse(null));
        row.setCity(c.city().orElse(null));
        row.setZone(c.zone().orElse(null));
        row.setDistanceKm(c.distanceKm().orElse(null));
        row.setKeyCustomer(c.keyCustomer());
        row.setCustomerSince(c.customerSince().orElse(null));
        row.setNotes(c.notes().orElse(null));
        row.setCreatedAt(now);
        row.setUpdatedAt(now);
        row.store();
        boolean primaryGiven = phones.values().stream().anyMatch(NewPhone::primary);
        boolean first = true;
        for (var phone : phones.entrySet()) {
            insertPhone(tx, row.getId(), phone.getKey(), phone.getValue().kind(), phone.getValue().primary() || (!primaryGiven && first));
            first = false;
        }
        for (NewAsset asset : c.assets()) {
            addAsset(tx, row.getId(), asset);
        }
        return row.getId();
    }

    /** Changes what {@code edit} gives on customer {@code id}; refused when it has changed since the version the agent saw. */
    public CustomerRecord edit(DSLContext tx, long id, CustomerEdit edit) {
        CustomerRecord row = tx.selectFrom(CUSTOMER).where(CUSTOMER.ID.eq(id)).forUpdate().fetchOptional()
                .orElseThrow(() -> new IllegalArgumentException("no customer " + id));
        if (edit.expectedVersion().isPresent() && !edit.expectedVersion().get().equals(row.getVersion())) {
            throw new StaleVersion("customer", id, "#" + id, edit.expectedVersion().get(), row.getVersion());
        }
        checkZone(edit.zone());
        set(row, CUSTOMER.NAME, edit.name());
        set(row, CUSTOMER.ORGANISATION, edit.organisation());
        set(row, CUSTOMER.INDUSTRY, edit.industry());
        set(row, CUSTOMER.ADDRESS, edit.address());
        set(row, CUSTOMER.CITY, edit.city());
        set(row, CUSTOMER.ZONE, edit.zone());
        set(row, CUSTOMER.DISTANCE_KM, edit.distanceKm());
        set(row, CUSTOMER.KEY_CUSTOMER, edit.keyCustomer());
        set(row, CUSTOMER.CUSTOMER_SINCE, edit.customerSince());
        set(row, CUSTOMER.NOTES, edit.notes());
        if (row.changed()) {
            row.setVersion(row.getVersion() + 1);
            row.setUpdatedAt(clock.instant().atOffset(ZoneOffset.UTC));
            row.update();
        }
        return row;
    }

    /** Adds a number to customer {@code customerId} (already theirs: nothing changes); returns its id. */
    public long addPhone(DSLContext tx, long customerId, NewPhone phone) {
        lockCustomer(tx, customerId);
        String number = e164(phone.number());
        Optional<Long> existing = tx.select(CUSTOMER_PHONE.ID).from(CUSTOMER_PHONE)
                .where(CUSTOMER_PHONE.CUSTOMER_ID.eq(customerId).and(CUSTOMER_PHONE.NUMBER.eq(number))).fetchOptional(CUSTOMER_PHONE.ID);
        boolean none = tx.fetchCount(CUSTOMER_PHONE, CUSTOMER_PHONE.CUSTOMER_ID.eq(customerId)) == 0;
        long id = existing.orElseGet(() -> insertPhone(tx, customerId, number, phone.kind(), false));
        if (phone.primary() || none) {
            makePrimary(tx, customerId, id);
        }
        return id;
    }

    /** Removes a number of customer {@code customerId}; the first of the others becomes the one to call when it was. */
    public void removePhone(DSLContext tx, long customerId, long phoneId) {
        lockCustomer(tx, customerId);
        var removed = tx.deleteFrom(CUSTOMER_PHONE).where(CUSTOMER_PHONE.ID.eq(phoneId).and(CUSTOMER_PHONE.CUSTOMER_ID.eq(customerId)))
                .returning(CUSTOMER_PHONE.IS_PRIMARY).fetchOptional()
                .orElseThrow(() -> new IllegalArgumentException("no phone " + phoneId + " of customer " + customerId));
        if (removed.getIsPrimary()) {
            tx.select(CUSTOMER_PHONE.ID).from(CUSTOMER_PHONE).where(CUSTOMER_PHONE.CUSTOMER_ID.eq(customerId))
                    .orderBy(CUSTOMER_PHONE.ID).limit(1).fetchOptional(CUSTOMER_PHONE.ID).ifPresent(next -> makePrimary(tx, customerId, next));
        }
    }

    /** Adds a product to customer {@code customerId}; returns its id. */
    public long addAsset(DSLContext tx, long customerId, NewAsset a) {
        lockCustomer(tx, customerId);
        a.productModelId().ifPresent(model -> {
            if (tx.fetchCount(PRODUCT_MODEL, PRODUCT_MODEL.ID.eq(model)) == 0) {
                throw new UnknownReference("productModelId: no product model " + model);
            }
        });
        a.contractId().ifPresent(contract -> checkContract(tx, customerId, contract));
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        AssetRecord row = tx.newRecord(ASSET);
        row.setCustomerId(customerId);
        row.setModel(a.model());
        row.setProductModelId(a.productModelId().orElse(null));
        row.setSerialNumber(a.serialNumber().orElse(null));
        row.setQuantity(a.quantity());
        row.setPurchasedOn(a.purchasedOn().orElse(null));
        row.setInstalledOn(a.installedOn().orElse(null));
        row.setWarrantyEndsOn(a.warrantyEndsOn().orElse(null));
        row.setContractId(a.contractId().orElse(null));
        row.setProofOfPurchase(a.proofOfPurchase().orElse(null));
        row.setAddress(a.address().orElse(null));
        row.setCreatedAt(now);
        row.setUpdatedAt(now);
        row.store();
        return row.getId();
    }

    /** Changes what {@code edit} gives on product {@code assetId}; refused when it has changed since the version the agent saw. */
    public AssetRecord editAsset(DSLContext tx, long assetId, AssetEdit edit) {
        AssetRecord row = tx.selectFrom(ASSET).where(ASSET.ID.eq(assetId)).forUpdate().fetchOptional()
                .orElseThrow(() -> new IllegalArgumentException("no product " + assetId));
        if (edit.expectedVersion().isPresent() && !edit.expectedVersion().get().equals(row.getVersion())) {
            throw new StaleVersion("asset", assetId, "#" + assetId, edit.expectedVersion().get(), row.getVersion());
        }
        edit.contractId().ifPresent(contract -> checkContract(tx, row.getCustomerId(), contract));
        set(row, ASSET.MODEL, edit.model());
        set(row, ASSET.SERIAL_NUMBER, edit.serialNumber());
        set(row, ASSET.QUANTITY, edit.quantity());
        set(row, ASSET.PURCHASED_ON, edit.purchasedOn());
        set(row, ASSET.INSTALLED_ON, edit.installedOn());
        set(row, ASSET.WARRANTY_ENDS_ON, edit.warrantyEndsOn());
        set(row, ASSET.CONTRACT_ID, edit.contractId());
        set(row, ASSET.PROOF_OF_PURCHASE, edit.proofOfPurchase());
        set(row, ASSET.ADDRESS, edit.address());
        if (row.getPurchasedOn() != null && row.getInstalledOn() != null && row.getInstalledOn().isBefore(row.getPurchasedOn())) {
            throw new IllegalArgumentException("installedOn: not before purchasedOn");
        }
        if (row.changed()) {
            row.setVersion(row.getVersion() + 1);
            row.setUpdatedAt(clock.instant().atOffset(ZoneOffset.UTC));
            row.update();
        }
        return row;
    }

    private void refuseKnown(DSLContext tx, Set<String> phones, List<String> serials) {
        Map<Long, KnownCustomers.Known> known = new LinkedHashMap<>();
        if (!phones.isEmpty()) {
            tx.selectDistinct(CUSTOMER.ID, CUSTOMER.NAME).from(CUSTOMER).join(CUSTOMER_PHONE).on(CUSTOMER_PHONE.CUSTOMER_ID.eq(CUSTOMER.ID))
                    .where(CUSTOMER_PHONE.NUMBER.in(phones)).orderBy(CUSTOMER.ID).limit(20)
                    .forEach(r -> known.putIfAbsent(r.value1(), new KnownCustomers.Known(r.value1(), r.value2(), "phone")));
        }
        if (!serials.isEmpty()) {
            tx.selectDistinct(CUSTOMER.ID, CUSTOMER.NAME).from(CUSTOMER).join(ASSET).on(ASSET.CUSTOMER_ID.eq(CUSTOMER.ID))
                    .where(ASSET.SERIAL_NUMBER.in(serials)).orderBy(CUSTOMER.ID).limit(20)
                    .forEach(r -> known.putIfAbsent(r.value1(), new KnownCustomers.Known(r.value1(), r.value2(), "serial")));
        }
        if (!known.isEmpty()) {
            throw new KnownCustomers(new ArrayList<>(known.values()));
        }
    }

    private long insertPhone(DSLContext tx, long customerId, String number, String kind, boolean primary) {
        return tx.insertInto(CUSTOMER_PHONE).set(CUSTOMER_PHONE.CUSTOMER_ID, customerId).set(CUSTOMER_PHONE.NUMBER, number)
                .set(CUSTOMER_PHONE.KIND, kind).set(CUSTOMER_PHONE.IS_PRIMARY, primary)
                .set(CUSTOMER_PHONE.CREATED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                .returning(CUSTOMER_PHONE.ID).fetchOne(CUSTOMER_PHONE.ID);
    }

    private static void makePrimary(DSLContext tx, long customerId, long phoneId) {
        tx.update(CUSTOMER_PHONE).set(CUSTOMER_PHONE.IS_PRIMARY, CUSTOMER_PHONE.ID.eq(phoneId))
                .where(CUSTOMER_PHONE.CUSTOMER_ID.eq(customerId)).execute();
    }

    private static void lockCustomer(DSLContext tx, long customerId) {
        tx.select(CUSTOMER.ID).from(CUSTOMER).where(CUSTOMER.ID.eq(customerId)).forUpdate().fetchOptional()
                .orElseThrow(() -> new IllegalArgumentException("no customer " + customerId));
    }

    private static void checkContract(DSLContext tx, long customerId, long contractId) {
        if (tx.fetchCount(CONTRACT, CONTRACT.ID.eq(contractId).and(CONTRACT.CUSTOMER_ID.eq(customerId))) == 0) {
            throw new UnknownReference("contractId: no contract " + contractId + " of this customer");
        }
    }

    private void checkZone(Optional<String> zone) {
        zone.filter(z -> !zones.contains(z)).ifPresent(z -> {
            throw new IllegalArgumentException("zone: one of " + String.join(", ", new java.util.TreeSet<>(zones)) + ", not '" + z + "'");
        });
    }

    private String e164(String number) {
        return numbers.normalize(number).orElseThrow(() -> new IllegalArgumentException("phone: not a phone number"));
    }

    private static <R extends UpdatableRecord<R>, T> void set(R row, TableField<R, T> field, Optional<T> value) {
        value.filter(v -> !v.equals(row.get(field))).ifPresent(v -> row.set(field, v));
    }
}
