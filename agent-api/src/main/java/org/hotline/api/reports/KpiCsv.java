package org.hotline.api.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** The KPI report as CSV, for a spreadsheet: cells that look like formulas are quoted as text. */
final class KpiCsv {

    private KpiCsv() {
    }

    /** The report as CSV: one line per row of each section, the section first, a header line per section. */
    static String csv(JsonObject report) {
        StringBuilder out = new StringBuilder();
        for (String section : org.hotline.desk.reports.KpiReport.SECTIONS) {
            Object value = report.getValue(section);
            List<JsonObject> rows = new ArrayList<>();
            if (value instanceof JsonArray array) {
                array.forEach(r -> rows.add((JsonObject) r));
            } else if (value instanceof JsonObject single) {
                rows.add(single);
            }
            if (rows.isEmpty()) {
                continue;
            }
            List<String> columns = new ArrayList<>(rows.getFirst().fieldNames());
            out.append("section,").append(String.join(",", columns)).append("\r\n");
            for (JsonObject row : rows) {
                out.append(section);
                for (String column : columns) {
                    out.append(',').append(cell(row.getValue(column)));
                }
                out.append("\r\n");
            }
        }
        return out.toString();
    }

    private static String cell(Object value) {
        String text = value == null ? "" : String.valueOf(value);
        if (text.startsWith("=") || text.startsWith("+") || text.startsWith("-") || text.startsWith("@")) {
            text = "'" + text; // a spreadsheet must not take a cell for a formula
        }
        return text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
