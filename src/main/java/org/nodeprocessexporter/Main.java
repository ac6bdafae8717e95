package org.nodeprocessexporter;
public final class Main { public static void main(String[] a) { } }
