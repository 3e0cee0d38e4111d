package dev.flinkoperator.resources;

/** A spec the operator cannot turn into Kubernetes objects; the message is shown to the user as is. */
public class InvalidSpecException extends RuntimeException {
    public InvalidSpecException(String message) {
        super(message);
    }
}
