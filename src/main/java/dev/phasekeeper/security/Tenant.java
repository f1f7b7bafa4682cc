package dev.phasekeeper.security;

/** A tenant: the unit of isolation. Users see only the objects of their own tenant. */
public record Tenant(String id, String name) {}
