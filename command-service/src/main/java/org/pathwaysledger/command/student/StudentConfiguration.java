package org.pathwaysledger.command.student;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class StudentConfiguration {

    /**
     * Creates a Student to replay its events into with its no-argument constructor. Axon's Spring default creates each
     * instance as a Spring prototype bean, a bean-factory lookup per load, though a Student has nothing to inject.
     * Axon's Spring set-up uses the bean named {@code <aggregate>AggregateFactory} when there is one.
     */
    @Bean("studentAggregateFactory")
    public AggregateFactory<Student> studentAggregateFactory() {
        return new AggregateFactory<>() {
            @Override
            public Student createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
                return new Student();
            }

            @Override
            public Class<Student> getAggregateType() {
                return Student.class;
            }
        };
    }

    /**
     * The Students kept in memory between units of work ({@link RecentStudents}), named in {@code @Aggregate(cache)}:
     * at most {@code pathways.students.cached} of them (0: none, every command reads its student's history), by default
     * ({@code auto}) as many as fill a quarter of the JVM's maximum heap at {@value #HEAP_PER_STUDENT} bytes each (a
     * registered and enrolled student held 1,871 bytes of live heap in the import benchmark): 524,288 students with
     * {@code -Xmx4g}, enough for the 1M-row benchmark's 500,000, whose enrolments then all find their student in memory.
     */
    @Bean(STUDENT_CACHE)
    public Cache studentCache(@Value("${pathways.students.cached:auto}") String cached) {
        int capacity = capacity(cached, Runtime.getRuntime().maxMemory());
        return capacity <= 0 ? NoCache.INSTANCE : new RecentStudents(capacity);
    }

    /** Bytes of heap budgeted per cached student when the capacity is derived from the heap. */
    static final long HEAP_PER_STUDENT = 2_048;

    static int capacity(String setting, long maxHeap) {
        String value = setting.trim();
        if (value.equalsIgnoreCase("auto")) {
            return (int) Math.min(Integer.MAX_VALUE, maxHeap / 4 / HEAP_PER_STUDENT);
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("pathways.students.cached must be a number of students or 'auto', not '" + setting + "'", e);
        }
    }

    public static final String STUDENT_CACHE = "studentCache";

    /**
     * The per-student locks of Axon's repository (its default kind, named here so that the import's bulk path,
     * {@link StudentBulkWriter}, takes the same locks for a batch's students as a command through the repository does).
     */
    @Bean(STUDENT_LOCKS)
    public LockFactory studentLocks() {
        return PessimisticLockFactory.usingDefaults();
    }

    public static final String STUDENT_LOCKS = "studentLocks";
}
