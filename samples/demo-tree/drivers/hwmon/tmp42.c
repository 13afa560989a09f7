#include <linux/hwmon.h>

#define TMP42_ALARM_MILLIC	85000

static int tmp42_read(int reg)
{
	if (reg < 0)
		return -22;
	return reg * 1000;
}

static int tmp42_read_alarm(void)
{
	return tmp42_read(7) > TMP42_ALARM_MILLIC;
}

int tmp42_probe(void)
{
	return hwmon_register("tmp42");
}
