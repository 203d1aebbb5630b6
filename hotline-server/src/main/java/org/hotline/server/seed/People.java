package org.hotline.server.seed;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Believable customers: Chinese and Latin names, mobile numbers of the right shape for their
 * country, cities with service zones, organisations. Generated, not real: any resemblance is
 * chance.
 */
final class People {

    private static final List<String> SURNAMES = List.of(
            "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
            "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
            "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔",
            "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "方", "白", "邹", "孟", "熊", "秦", "邱",
            "欧阳", "司马", "诸葛");
    private static final List<String> GIVEN_NAMES = List.of(
            "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超",
            "秀兰", "霞", "平", "刚", "桂英", "华", "建华", "建国", "志强", "晓明", "海燕", "婷", "雪", "慧", "鑫", "宇",
            "浩然", "欣怡", "子涵", "梓轩", "诗涵", "俊杰", "博文", "雨泽", "思远", "佳怡", "一诺", "嘉怡", "文博", "晨曦");
    private static final List<String> FIRST_NAMES = List.of(
            "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
            "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Maria", "José", "Luis",
            "Ana", "Carlos", "Sofia", "Lucas", "Emma", "Hans", "Anna", "Pierre", "Marie", "Giulia", "Marco", "Lars",
            "Ingrid", "Pedro", "Camila", "Ahmed", "Fatima", "Chloé", "Søren", "Zoë", "Matteo");
    private static final List<String> LAST_NAMES = List.of(
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
            "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Lee",
            "Müller", "Schmidt", "Schneider", "Fischer", "Dubois", "Bernard", "Rossi", "Russo", "Ferrari", "Silva",
            "Santos", "Oliveira", "Nielsen", "Jensen", "Novák", "Kowalski", "O'Brien", "van der Berg", "Haddad");
    private static final List<String> CITIES = List.of(
            "上海", "北京", "广州", "深圳", "杭州", "南京", "成都", "武汉", "西安", "苏州", "天津", "重庆", "青岛", "宁波");
    private static final List<String> STREETS = List.of(
            "人民路", "中山路", "解放路", "建设路", "和平路", "长江路", "黄河路", "新华路", "文化路", "胜利路", "光明路");
    private static final List<String> COMPANY_WORDS = List.of(
            "华润", "恒达", "东方", "金桥", "宏图", "鑫源", "中天", "瑞丰", "永安", "盛世", "远航", "博远");
    private static final List<String> INDUSTRIES = List.of(
            "retail", "hospitality", "logistics", "manufacturing", "education", "healthcare", "real_estate", "advertising");
    private static final List<String> ZONES = List.of("inner_ring", "second_ring", "city", "county");

    private final RandomGenerator random;

    People(RandomGenerator random) {
        this.random = random;
    }

    /** A customer's name; about two in three are Chinese. */
    Person person() {
        boolean chinese = random.nextInt(3) < 2;
        if (chinese) {
            return new Person(pick(SURNAMES) + pick(GIVEN_NAMES), true);
        }
        return new Person(pick(FIRST_NAMES) + " " + pick(LAST_NAMES), false);
    }

    /** A mobile number in E.164 for the person's country. */
    String mobile(Person person) {
        if (person.chinese()) {
            return "+86" + "1" + (3 + random.nextInt(7)) + digits(9);
        }
        return switch (random.nextInt(6)) {
            case 0 -> "+447" + digits(9);                          // United Kingdom
            case 1 -> "+491" + (5 + random.nextInt(3)) + digits(8); // Germany
            case 2 -> "+33" + (6 + random.nextInt(2)) + digits(8);  // France
            case 3 -> "+346" + digits(8);                          // Spain
            case 4 -> "+393" + digits(9);                          // Italy
            default -> "+1" + (2 + random.nextInt(8)) + digits(9);  // North America
        };
    }

    /** A landline in a Chinese city (area code and eight digits). */
    String landline() {
        return "+86" + pick(List.of("21", "10", "20", "755", "571", "25")) + digits(8);
    }

    String city() {
        return pick(CITIES);
    }

    String address(String city) {
        return city + "市" + pick(STREETS) + (1 + random.nextInt(999)) + "号";
    }

    String organisation(String city) {
        return city + pick(COMPANY_WORDS) + pick(List.of("商贸", "科技", "物流", "酒店", "广告", "实业")) + "有限公司";
    }

    String industry() {
        return pick(INDUSTRIES);
    }

    String zone() {
        return pick(ZONES);
    }

    String digits(int count) {
        StringBuilder s = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            s.append((char) ('0' + random.nextInt(10)));
        }
        return s.toString();
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    record Person(String name, boolean chinese) {
    }
}
