package org.hotline.desk.sla;

import java.util.Optional;

/** A named range of distance from the service centre, up to {@code upToKm} (none: beyond the last). */
public record DistanceBand(String name, Optional<Integer> upToKm) {
}
