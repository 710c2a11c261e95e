package org.pathwaysledger.command.student;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
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
     * at most {@code pathways.students.cached} of them (0: none, every command reads its student's history).
     */
    @Bean(STUDENT_CACHE)
    public Cache studentCache(@Value("${pathways.students.cached:50000}") int cached) {
        return cached <= 0 ? NoCache.INSTANCE : new RecentStudents(cached);
    }

    public static final String STUDENT_CACHE = "studentCache";
}
