#include <linux/hwmon.h>

int hwmon_register(const char *name)
{
	return name ? 0 : -1;
}
