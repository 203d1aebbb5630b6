package org.hotline.desk.access;

/** Who asks: an agent by id, and whether they supervise (supervisors, managers and admins act on everything). */
public record Who(long agentId, boolean supervises) {
}
