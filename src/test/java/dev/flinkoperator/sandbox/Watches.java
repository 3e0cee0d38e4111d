package dev.flinkoperator.sandbox;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Consumer;

/** Informer handlers for the sandbox's controllers, which react to an object rather than to the kind of change. */
final class Watches {
    private Watches() {
    }

    /** Calls back with the object on add, update (the new version) and delete. */
    static <T> ResourceEventHandler<T> onAnyChange(Consumer<T> onChange) {
        return handler(onChange, onChange);
    }

    /** Calls back on add (not on updates) and on delete. */
    static <T> ResourceEventHandler<T> onAddAndDelete(Consumer<T> onAdded, Consumer<T> onDeleted) {
        return handler(onAdded, obj -> { }, onDeleted);
    }

    private static <T> ResourceEventHandler<T> handler(Consumer<T> onAddOrUpdate, Consumer<T> onDeleted) {
        return handler(onAddOrUpdate, onAddOrUpdate, onDeleted);
    }

    private static <T> ResourceEventHandler<T> handler(Consumer<T> onAdd, Consumer<T> onUpdate, Consumer<T> onDeleted) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                onAdd.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                onUpdate.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                onDeleted.accept(obj);
            }
        };
    }
}
