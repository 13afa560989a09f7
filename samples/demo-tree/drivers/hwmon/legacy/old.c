/* An old driver nobody maintains. */
int old_sensor_read(void) { return 0; }
