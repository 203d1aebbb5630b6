package org.hotline.desk.warranty;

/** Whether a product is covered on a given day. */
public enum WarrantyStatus {
    IN_WARRANTY, OUT_OF_WARRANTY, UNKNOWN;

    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
