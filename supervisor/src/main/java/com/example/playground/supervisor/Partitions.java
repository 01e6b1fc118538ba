package com.example.playground.supervisor;

import com.example.playground.supervisor.Component.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Who reads which partition of which topic, and how far behind: the services' consumer groups put
 * together from each service's {@code /actuator/partitions} (one instance of each is asked; the admin
 * client it uses sees every instance). Consumers are named {@code <service>-<port>-<topics>-<thread>},
 * so a partition's holder is told as the instance (its component name) and the listener thread.
 * {@code ./playground partitions}, the control room and the partitioning scenario read it.
 */
public final class Partitions {

    /** What every message is keyed by, so what stays in order: said beside each topic. */
    public static final String KEY = "the order id (order-service's events: the customer's with orders-keyed-by-customer on)";

    /** A service answers within 2 s, or says Kafka did not (PartitionsEndpoint). */
    private final Http http = new Http(Duration.ofSeconds(3));

    /**
     * One partition as one group sees it; {@code instance} is null while nobody holds it (a rebalance),
     * and starts with {@code ?} for a consumer this stack does not know.
     */
    public record Cell(int partition, long end, long lag, String instance, String thread) {
    }

    public record Reader(String group, String state, List<Cell> cells) {

        /** Kafka's PreparingRebalance and CompletingRebalance (and the new protocol's Assigning, Reconciling). */
        public boolean rebalancing() {
            return state != null && state.matches("(?i).*(rebalanc|assigning|reconciling).*");
        }

        /** How many of the topic's partitions this instance holds now. */
        public long heldBy(String instance) {
            return cells.stream().filter(cell -> instance.equals(cell.instance())).count();
        }

        public long lag() {
            return cells.stream().mapToLong(Cell::lag).sum();
        }
    }

    /** A topic: each partition's last offset (how many records it ever got), and each group that reads it. */
    public record Topic(String topic, List<Long> ends, List<Reader> readers) {

        public Reader reader(String group) {
            return readers.stream().filter(r -> r.group().equals(group)).findFirst()
                    .orElseThrow(() -> new PlaygroundException("No consumer group " + group + " reads " + topic,
                            PlaygroundException.FAILED));
        }
    }

    /** Every topic the services of the stack as it runs now read, by name; empty if none of them answers. */
    public Map<String, Topic> read(Supervisor supervisor) {
        List<Component> running = supervisor.status().stream().filter(Supervisor.Status::up)
                .map(Supervisor.Status::component).toList();
        return read(supervisor.stack(), running);
    }

    /** Every topic the running services read, by name; empty if none of them answers. */
    public Map<String, Topic> read(Stack stack, List<Component> running) {
        List<Object> answers = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        for (Component c : running) {
            if (c.kind() == Kind.SERVICE && c.managementPort() != 0 && !asked.contains(c.module())) {
                Http.Answer answer = http.get(Http.local(c.managementPort(), "/actuator/partitions"));
                if (answer.ok()) {
                    answers.add(answer.json());
                    asked.add(c.module());
                }
            }
        }
        return of(answers, stack);
    }

    /** The services' answers put together by topic; consumer names resolved to the stack's instances. */
    static Map<String, Topic> of(List<Object> answers, Stack stack) {
        Map<String, List<Long>> ends = new TreeMap<>();
        Map<String, List<Reader>> readers = new TreeMap<>();
        for (Object answer : answers) {
            for (Object group : Json.listAt(answer, "groups")) {
                for (Object topic : Json.listAt(group, "topics")) {
                    String name = Json.text(topic, "topic");
                    List<Long> topicEnds = new ArrayList<>();
                    List<Cell> cells = new ArrayList<>();
                    for (Object p : Json.listAt(topic, "partitions")) {
                        long end = number(p, "end");
                        topicEnds.add(end);
                        String consumer = Json.text(p, "consumer");
                        String[] holder = holder(consumer, stack);
                        cells.add(new Cell((int) number(p, "partition"), end, number(p, "lag"), holder[0], holder[1]));
                    }
                    ends.merge(name, topicEnds, (a, b) -> max(a, b));
                    readers.computeIfAbsent(name, n -> new ArrayList<>())
                            .add(new Reader(Json.text(group, "group"), Json.text(group, "state"), cells));
                }
            }
        }
        Map<String, Topic> topics = new LinkedHashMap<>();
        ends.forEach((name, e) -> topics.put(name, new Topic(name, e, readers.get(name))));
        return topics;
    }

    /** {@code inventory-service-8093-inventory.commands-2} → {@code [inventory-service-2, 2]}; nulls for nobody. */
    static String[] holder(String consumer, Stack stack) {
        if (consumer == null) {
            return new String[] {null, null};
        }
        String thread = consumer.substring(consumer.lastIndexOf('-') + 1);
        for (Component c : stack.components()) {
            if (c.kind() == Kind.SERVICE && consumer.startsWith(c.module() + "-" + c.port() + "-")) {
                return new String[] {c.name(), thread};
            }
        }
        return new String[] {"?" + consumer, thread};
    }

    private static long number(Object tree, String key) {
        return Json.at(tree, key).filter(Number.class::isInstance).map(n -> ((Number) n).longValue()).orElse(0L);
    }

    /** Asked of several services at slightly different moments, the later (larger) offsets win. */
    private static List<Long> max(List<Long> a, List<Long> b) {
        List<Long> larger = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            larger.add(Math.max(i < a.size() ? a.get(i) : 0, i < b.size() ? b.get(i) : 0));
        }
        return larger;
    }

    /**
     * How far behind a consumer group is, over every topic it reads (summed over their partitions);
     * empty if no topic lists the group. The autoscaler's signal: a group is named after its service.
     */
    public static OptionalLong lagOf(Map<String, Topic> topics, String group) {
        List<Reader> readers = topics.values().stream().flatMap(t -> t.readers().stream())
                .filter(r -> r.group().equals(group)).toList();
        return readers.isEmpty() ? OptionalLong.empty() : OptionalLong.of(readers.stream().mapToLong(Reader::lag).sum());
    }

    /** The view as plain maps and lists, for the control room's JSON. */
    public static List<Map<String, Object>> asJson(Map<String, Topic> topics) {
        List<Map<String, Object>> list = new ArrayList<>();
        topics.values().forEach(topic -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("topic", topic.topic());
            t.put("ends", topic.ends());
            List<Map<String, Object>> readers = new ArrayList<>();
            topic.readers().forEach(reader -> {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("group", reader.group());
                r.put("state", reader.state());
                r.put("cells", reader.cells().stream().map(cell -> {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("partition", cell.partition());
                    c.put("lag", cell.lag());
                    c.put("instance", cell.instance());
                    c.put("thread", cell.thread());
                    return c;
                }).toList());
                readers.add(r);
            });
            t.put("readers", readers);
            list.add(t);
        });
        return list;
    }
}
