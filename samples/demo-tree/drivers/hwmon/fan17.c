#include <linux/hwmon.h>

static int fan17_rpm(int raw)
{
	return 1350000 / raw;
}
