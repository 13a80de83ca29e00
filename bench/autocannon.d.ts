// autocannon ships no types; bench/load.ts is its only user and checks what it reads.
declare module 'autocannon';
