package org.hotline.desk.customers;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.Optional;

import static org.hotline.schema.jooq.Tables.ASSET;
import static org.hotline.schema.jooq.Tables.CUSTOMER;
import static org.hotline.schema.jooq.Tables.CUSTOMER_PHONE;

/** Finding customers by indexed lookups: a number (E.164), the start of a name, a product serial. */
public final class CustomerSearch {

    /** A customer found. */
    public record Found(long id, String name, Optional<String> organisation, boolean keyCustomer, Optional<String> city) {
    }

    /** What to look for: one of the three. */
    public sealed interface By {
        record Phone(String e164) implements By {
        }

        record NameStart(String start) implements By {
        }

        record Serial(String serial) implements By {
        }
    }

    /** Names in the order of their index (V21): lower case, compared byte by byte, which LIKE 'prefix%' can use. */
    private static final org.jooq.Field<String> NAME_ORDER = DSL.lower(CUSTOMER.NAME).collate("C");

    private CustomerSearch() {
    }

    public static List<Found> find(DSLContext db, By by, int limit) {
        Condition where = switch (by) {
            case By.Phone phone -> CUSTOMER.ID.in(DSL.select(CUSTOMER_PHONE.CUSTOMER_ID).from(CUSTOMER_PHONE)
                    .where(CUSTOMER_PHONE.NUMBER.eq(phone.e164())));
            case By.NameStart name -> NAME_ORDER.startsWith(name.start().strip().toLowerCase(java.util.Locale.ROOT));
            case By.Serial serial -> CUSTOMER.ID.in(DSL.select(ASSET.CUSTOMER_ID).from(ASSET).where(ASSET.SERIAL_NUMBER.eq(serial.serial().strip())));
        };
        return db.select(CUSTOMER.ID, CUSTOMER.NAME, CUSTOMER.ORGANISATION, CUSTOMER.KEY_CUSTOMER, CUSTOMER.CITY)
                .from(CUSTOMER).where(where).orderBy(NAME_ORDER, CUSTOMER.ID).limit(limit)
                .fetch(r -> new Found(r.value1(), r.value2(), Optional.ofNullable(r.value3()), r.value4(), Optional.ofNullable(r.value5())));
    }
}
