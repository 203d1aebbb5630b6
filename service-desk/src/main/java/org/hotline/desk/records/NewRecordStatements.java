package org.hotline.desk.records;

import org.hotline.desk.sql.RenderedStatement;
import org.jooq.impl.DSL;

import static org.hotline.desk.sql.RenderedStatement.param;
import static org.hotline.schema.jooq.Tables.CONTACT_RECORD;

/** The statements of a record's creation that every IVR-made record goes through, rendered once ({@link RenderedStatement}). */
final class NewRecordStatements {

    private NewRecordStatements() {
    }

    /** The record an idempotency key made, if any. */
    static final RenderedStatement BY_KEY = RenderedStatement.of(DSL.select(CONTACT_RECORD.ID).from(CONTACT_RECORD)
            .where(CONTACT_RECORD.IDEMPOTENCY_KEY.eq(param("key", CONTACT_RECORD.IDEMPOTENCY_KEY))));

    /** A new record's id, taken before its insert (its number is made of it). */
    static final RenderedStatement NEXT_ID = RenderedStatement.of(DSL.select(
            DSL.field("nextval(pg_get_serial_sequence('contact_record', 'id'))", Long.class)));

    /** A new record; nothing if its idempotency key made one already. */
    static final RenderedStatement INSERT = RenderedStatement.of(DSL.insertInto(CONTACT_RECORD)
            .set(CONTACT_RECORD.ID, param("id", CONTACT_RECORD.ID))
            .set(CONTACT_RECORD.NUMBER, param("number", CONTACT_RECORD.NUMBER))
            .set(CONTACT_RECORD.TYPE, param("type", CONTACT_RECORD.TYPE))
            .set(CONTACT_RECORD.STATUS, param("status", CONTACT_RECORD.STATUS))
            .set(CONTACT_RECORD.PRIORITY, param("priority", CONTACT_RECORD.PRIORITY))
            .set(CONTACT_RECORD.URGENCY, param("urgency", CONTACT_RECORD.URGENCY))
            .set(CONTACT_RECORD.CHANNEL, param("channel", CONTACT_RECORD.CHANNEL))
            .set(CONTACT_RECORD.CUSTOMER_ID, param("customer", CONTACT_RECORD.CUSTOMER_ID))
            .set(CONTACT_RECORD.ASSET_ID, param("asset", CONTACT_RECORD.ASSET_ID))
            .set(CONTACT_RECORD.PHONE, param("phone", CONTACT_RECORD.PHONE))
            .set(CONTACT_RECORD.CONTACT_NAME, param("contactName", CONTACT_RECORD.CONTACT_NAME))
            .set(CONTACT_RECORD.ADDRESS, param("address", CONTACT_RECORD.ADDRESS))
            .set(CONTACT_RECORD.ZONE, param("zone", CONTACT_RECORD.ZONE))
            .set(CONTACT_RECORD.DISTANCE_KM, param("distanceKm", CONTACT_RECORD.DISTANCE_KM))
            .set(CONTACT_RECORD.SUMMARY, param("summary", CONTACT_RECORD.SUMMARY))
            .set(CONTACT_RECORD.FAULT_DESCRIPTION, param("fault", CONTACT_RECORD.FAULT_DESCRIPTION))
            .set(CONTACT_RECORD.WARRANTY_STATUS, param("warranty", CONTACT_RECORD.WARRANTY_STATUS))
            .set(CONTACT_RECORD.CHARGING_CLASS, param("charging", CONTACT_RECORD.CHARGING_CLASS))
            .set(CONTACT_RECORD.CRISIS, param("crisis", CONTACT_RECORD.CRISIS))
            .set(CONTACT_RECORD.HANDLER_DEPARTMENT, param("department", CONTACT_RECORD.HANDLER_DEPARTMENT))
            .set(CONTACT_RECORD.CREATED_BY_AGENT_ID, param("agent", CONTACT_RECORD.CREATED_BY_AGENT_ID))
            .set(CONTACT_RECORD.ORIGIN_CALL_ID, param("originCall", CONTACT_RECORD.ORIGIN_CALL_ID))
            .set(CONTACT_RECORD.IDEMPOTENCY_KEY, param("key", CONTACT_RECORD.IDEMPOTENCY_KEY))
            .set(CONTACT_RECORD.REGISTERED_AT, param("at", CONTACT_RECORD.REGISTERED_AT))
            .set(CONTACT_RECORD.CREATED_AT, param("at", CONTACT_RECORD.CREATED_AT))
            .set(CONTACT_RECORD.UPDATED_AT, param("at", CONTACT_RECORD.UPDATED_AT))
            .onConflict(CONTACT_RECORD.IDEMPOTENCY_KEY).doNothing());
}
