CREATE SEQUENCE ironbox_write_seq;
