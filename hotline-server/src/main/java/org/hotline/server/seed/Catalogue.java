package org.hotline.server.seed;

import org.jooq.DSLContext;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.hotline.schema.jooq.Tables.AGENT;
import static org.hotline.schema.jooq.Tables.PRODUCT_MODEL;
import static org.hotline.schema.jooq.Tables.QUEUE;
import static org.hotline.schema.jooq.Tables.QUEUE_MEMBERSHIP;

/**
 * The reference rows generated customers point at: product models, the service and complaint
 * queues, and a team of agents. Added only where missing, so seeding twice is harmless.
 */
final class Catalogue {

    /** A model of the catalogue: code, name, category, warranty in months, needs installation. */
    record Model(String code, String name, String category, int warrantyMonths, boolean needsInstallation) {
    }

    static final List<Model> MODELS = List.of(
            new Model("KFR-35GW", "壁挂式空调 1.5匹", "air_conditioner", 36, true),
            new Model("KFR-50LW", "立柜式空调 2匹", "air_conditioner", 36, true),
            new Model("KFR-72LW", "立柜式空调 3匹", "air_conditioner", 72, true),
            new Model("SF-201", "三人布艺沙发", "furniture", 12, false),
            new Model("WD-180", "衣柜 1.8m", "furniture", 24, true),
            new Model("BD-150", "实木床 1.5m", "furniture", 24, true),
            new Model("CPD15", "电动叉车 1.5t", "industrial_vehicle", 12, false),
            new Model("CPCD30", "内燃叉车 3t", "industrial_vehicle", 12, false),
            new Model("LED-P4", "户外LED广告屏 P4", "billboard", 24, true),
            new Model("LB-3060", "灯箱广告牌 3x6m", "billboard", 12, true));

    static final List<String> QUEUES = List.of("service", "complaint");

    private final Map<String, Long> modelIds;
    private final Map<String, Long> queueIds;
    private final List<Long> agentIds;

    private Catalogue(Map<String, Long> modelIds, Map<String, Long> queueIds, List<Long> agentIds) {
        this.modelIds = modelIds;
        this.queueIds = queueIds;
        this.agentIds = agentIds;
    }

    static Catalogue ensure(DSLContext db, People people, int agents) {
        for (Model m : MODELS) {
            db.insertInto(PRODUCT_MODEL, PRODUCT_MODEL.CODE, PRODUCT_MODEL.NAME, PRODUCT_MODEL.CATEGORY,
                            PRODUCT_MODEL.DEFAULT_WARRANTY_MONTHS, PRODUCT_MODEL.NEEDS_INSTALLATION)
                    .values(m.code(), m.name(), m.category(), m.warrantyMonths(), m.needsInstallation())
                    .onConflict(PRODUCT_MODEL.CODE).doNothing().execute();
        }
        db.insertInto(QUEUE, QUEUE.NAME, QUEUE.DISPLAY_NAME, QUEUE.PURPOSE).values("service", "售后服务", "service")
                .onConflict(QUEUE.NAME).doNothing().execute();
        db.insertInto(QUEUE, QUEUE.NAME, QUEUE.DISPLAY_NAME, QUEUE.PURPOSE).values("complaint", "投诉", "complaint")
                .onConflict(QUEUE.NAME).doNothing().execute();
        Map<String, Long> queues = db.select(QUEUE.NAME, QUEUE.ID).from(QUEUE).where(QUEUE.NAME.in(QUEUES))
                .fetchMap(QUEUE.NAME, QUEUE.ID);
        if (db.fetchCount(AGENT) == 0) {
            for (int i = 1; i <= agents; i++) {
                String extension = String.valueOf(1000 + i);
                long agentId = db.insertInto(AGENT, AGENT.USERNAME, AGENT.DISPLAY_NAME, AGENT.INTERFACE, AGENT.ROLE)
                        .values("agent" + extension, people.person().name(), "PJSIP/" + extension, i == 1 ? "supervisor" : "agent")
                        .returning(AGENT.ID).fetchOne(AGENT.ID);
                for (long queueId : queues.values()) {
                    db.insertInto(QUEUE_MEMBERSHIP, QUEUE_MEMBERSHIP.QUEUE_ID, QUEUE_MEMBERSHIP.AGENT_ID)
                            .values(queueId, agentId).execute();
                }
            }
        }
        Map<String, Long> models = db.select(PRODUCT_MODEL.CODE, PRODUCT_MODEL.ID).from(PRODUCT_MODEL)
                .fetch().stream().collect(Collectors.toMap(r -> r.value1(), r -> r.value2()));
        List<Long> agentIds = db.select(AGENT.ID).from(AGENT).where(AGENT.ACTIVE).fetch(AGENT.ID);
        return new Catalogue(models, queues, agentIds);
    }

    long modelId(Model model) {
        return modelIds.get(model.code());
    }

    long queueId(String name) {
        return queueIds.get(name);
    }

    List<Long> agentIds() {
        return agentIds;
    }
}
