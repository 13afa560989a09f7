#ifndef _LINUX_NETDEVICE_H
#define _LINUX_NETDEVICE_H
int netdev_open(int id);
int netdev_close(int id);
#endif
