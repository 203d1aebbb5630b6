package org.hotline.server.seed;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows one batch adds to one table, written out as PostgreSQL COPY CSV once the batch's ids
 * are known. Until then a row refers to rows of the batch by their position ({@link Ref}).
 */
final class TableRows {

    /** The id of the {@code index}-th row this batch adds to {@code table}. */
    record Ref(String table, int index) {
    }

    /** Text made unique by the row's own id: {@code prefix} followed by the id. */
    record OwnId(String prefix) {
    }

    private final String table;
    private final String columns;
    private final List<Object[]> rows = new ArrayList<>();

    /** @param columns the COPY column list; the first column is the row's own id */
    TableRows(String table, String columns) {
        this.table = table;
        this.columns = columns;
    }

    /** Adds a row whose own id is implied; returns the reference to it. */
    Ref add(Object... values) {
        rows.add(values);
        return new Ref(table, rows.size() - 1);
    }

    String table() {
        return table;
    }

    int size() {
        return rows.size();
    }

    String copyCommand() {
        return "COPY " + table + " (" + columns + ") FROM STDIN (FORMAT csv)";
    }

    /**
     * The rows as CSV: text quoted, NULL as an empty unquoted field, references replaced by the
     * ids reserved for each table.
     */
    String csv(Map<String, long[]> ids) {
        StringBuilder csv = new StringBuilder(rows.size() * 120);
        long[] own = ids.get(table);
        for (int r = 0; r < rows.size(); r++) {
            csv.append(own[r]);
            for (Object value : rows.get(r)) {
                csv.append(',');
                switch (value) {
                    case null -> { }
                    case Ref ref -> csv.append(ids.get(ref.table())[ref.index()]);
                    case OwnId text -> csv.append('"').append(text.prefix().replace("\"", "\"\"")).append(own[r]).append('"');
                    case String text -> csv.append('"').append(text.replace("\"", "\"\"")).append('"');
                    default -> csv.append(value);
                }
            }
            csv.append('\n');
        }
        return csv.toString();
    }
}
