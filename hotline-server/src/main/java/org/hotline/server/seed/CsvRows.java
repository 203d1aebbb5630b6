package org.hotline.server.seed;

/**
 * Rows in PostgreSQL's COPY CSV format: fields separated by commas, text quoted, NULL as an
 * empty unquoted field.
 */
final class CsvRows {

    private final StringBuilder text = new StringBuilder(1 << 20);
    private boolean rowStarted;
    private int rows;

    CsvRows text(String value) {
        separate();
        if (value != null) {
            text.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
        return this;
    }

    CsvRows value(Object value) {
        separate();
        if (value != null) {
            text.append(value);
        }
        return this;
    }

    CsvRows end() {
        text.append('\n');
        rowStarted = false;
        rows++;
        return this;
    }

    int rows() {
        return rows;
    }

    String csv() {
        return text.toString();
    }

    private void separate() {
        if (rowStarted) {
            text.append(',');
        }
        rowStarted = true;
    }
}
