package org.hotline.desk.records;

import java.util.Optional;

/** The complaint details taken when a complaint is recorded. */
public record NewComplaint(String complainant, String complaintType, Optional<String> targetKind, Optional<String> target,
                           Optional<String> demand, Optional<String> content, String severity, Optional<String> crisisKind) {

    public static NewComplaint of(String complainant, String complaintType) {
        return new NewComplaint(complainant, complaintType, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "minor", Optional.empty());
    }

    public NewComplaint withCrisis(String kind) {
        return new NewComplaint(complainant, complaintType, targetKind, target, demand, content, "serious", Optional.of(kind));
    }
}
