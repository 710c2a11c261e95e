package org.pathwaysledger.infrastructure.projection;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The rebuild's in-memory processed ids: same answers as a plain set, bounded, released on a failed batch. */
class InMemoryProcessedIdsTest {

    @Test
    void a_duplicate_in_the_same_batch_or_a_later_one_is_not_fresh() {
        InMemoryProcessedIds ids = new InMemoryProcessedIds("s", 100);
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();

        assertThat(ids.claim(List.of(a, b, a))).containsExactly(a, b);
        assertThat(ids.claim(List.of(b, UUID.randomUUID().toString()))).hasSize(1).doesNotContain(b);
        assertThat(ids.size()).isEqualTo(3);
    }

    @Test
    void ids_that_are_not_canonical_uuids_are_kept_apart_from_the_uuid_they_resemble() {
        InMemoryProcessedIds ids = new InMemoryProcessedIds("s", 100);
        String uuid = "5f0c6d1e-8f43-4c55-b0a4-0d6c3a1b2e77";

        assertThat(ids.claim(List.of(uuid, uuid.toUpperCase(), "CUP-1", "00000000-0000-0000-0000-000000000000")))
                .hasSize(4);
        assertThat(ids.claim(List.of(uuid, uuid.toUpperCase(), "CUP-1", "00000000-0000-0000-0000-000000000000", "CUP-2")))
                .containsExactly("CUP-2");
    }

    @Test
    void past_its_capacity_it_refuses_the_batch_and_stays_refusing() {
        InMemoryProcessedIds ids = new InMemoryProcessedIds("s", 3);
        assertThat(ids.claim(List.of("a", "b"))).containsExactly("a", "b");

        assertThat(ids.claim(List.of("c", "d"))).isNull();
        assertThat(ids.overflowed()).isTrue();
        assertThat(ids.claim(List.of("e"))).isNull();
    }

    @Test
    void released_ids_are_fresh_again_and_the_others_stay_found_through_growth_and_removals() {
        InMemoryProcessedIds ids = new InMemoryProcessedIds("s", 1_000_000);
        Set<String> expected = new HashSet<>();
        Random random = new Random(42);
        List<String> all = new ArrayList<>();
        for (int batch = 0; batch < 40; batch++) {
            List<String> claim = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                // Some ids share their high half, so probe chains form and removals have to shift entries back.
                String id = random.nextInt(4) == 0 && !all.isEmpty()
                        ? all.get(random.nextInt(all.size())).substring(0, 24) + String.format("%012x", random.nextLong() & 0xffffffffffffL)
                        : new UUID(random.nextLong(), random.nextLong()).toString();
                claim.add(id);
            }
            Set<String> fresh = ids.claim(claim);
            Set<String> wanted = new HashSet<>(claim);
            wanted.removeAll(expected);
            assertThat(fresh).containsExactlyInAnyOrderElementsOf(wanted);
            if (batch % 3 == 2) {
                ids.release(fresh);
            } else {
                expected.addAll(fresh);
                all.addAll(fresh);
            }
            assertThat(ids.size()).isEqualTo(expected.size());
        }
        List<String> again = new ArrayList<>(expected);
        assertThat(ids.claim(again)).isEmpty();
    }
}
