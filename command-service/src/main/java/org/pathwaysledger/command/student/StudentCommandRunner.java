package org.pathwaysledger.command.student;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs a student command straight on its {@link Student}, inside the caller's unit of work (an import batch): the
 * same command handlers, so the rules stay in the aggregate; the same repository, so the events are appended to
 * Axon's event store with the batch and the aggregate is loaded once per batch. What it leaves out is the command
 * bus's per-command dispatch (gateway, interceptor chain, handler lookup, target resolution by the annotated command
 * handler), which cost more than the decision itself, and Axon's correlation data (the causing message's id and a
 * trace id in each event's metadata): nothing reads it, the import's evidence (import, file and line) is in each
 * event's payload, and building and serialising it per event was about 5% of an import lane.
 *
 * <p>A refused command throws as through the bus; the import then writes the batch's rows one by one through the
 * bus, which reports each refusal.
 */
@Component
public class StudentCommandRunner {

    /** Command type to its handler's creation policy, for every command a Student handles. */
    static final Map<Class<?>, AggregateCreationPolicy> HANDLED = handledCommands();

    private final ObjectProvider<Configuration> axon;
    private final StudentCommandTargets targets;
    private volatile Configuration configuration;
    private volatile Repository<Student> repository;

    public StudentCommandRunner(ObjectProvider<Configuration> axon, StudentCommandTargets targets) {
        this.axon = axon;
        this.targets = targets;
    }

    /** Does a Student handle this command (so {@link #run} can take it)? */
    public boolean handles(Object command) {
        return HANDLED.containsKey(command.getClass());
    }

    /**
     * Decides the command on its student within the current unit of work (which must be started) and answers the
     * handler's result.
     */
    public Object run(Object command) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("Student commands run directly only inside a unit of work");
        }
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
        String student = targets.resolveTarget(message).getIdentifier();
        AggregateCreationPolicy policy = HANDLED.get(command.getClass());
        Configuration axonConfiguration = configuration();
        Repository<Student> students = repository(axonConfiguration);
        DefaultUnitOfWork<CommandMessage<?>> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> (policy == AggregateCreationPolicy.CREATE_IF_MISSING
                ? students.loadOrCreate(student, Student::new) : students.load(student)).handle(message),
                RollbackConfigurationType.UNCHECKED_EXCEPTIONS);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return result.getPayload();
    }

    private Configuration configuration() {
        Configuration resolved = configuration;
        if (resolved == null) {
            resolved = axon.getObject();
            configuration = resolved;
        }
        return resolved;
    }

    private Repository<Student> repository(Configuration axonConfiguration) {
        Repository<Student> resolved = repository;
        if (resolved == null) {
            resolved = axonConfiguration.repository(Student.class);
            repository = resolved;
        }
        return resolved;
    }

    private static Map<Class<?>, AggregateCreationPolicy> handledCommands() {
        Map<Class<?>, AggregateCreationPolicy> handled = new HashMap<>();
        for (Method method : Student.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(CommandHandler.class) && method.getParameterCount() > 0) {
                CreationPolicy creation = method.getAnnotation(CreationPolicy.class);
                handled.put(method.getParameterTypes()[0], creation == null ? AggregateCreationPolicy.NEVER : creation.value());
            }
        }
        return Map.copyOf(handled);
    }
}
