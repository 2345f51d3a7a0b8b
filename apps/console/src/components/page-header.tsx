import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

export const PageHeader = ({ title, extra }: { title: ReactNode; extra?: ReactNode }) => (
  <Flex align="center" justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
    <Typography.Title level={4} style={{ margin: 0 }}>
      {title}
    </Typography.Title>
    {extra ? (
      <Flex gap={8} wrap>
        {extra}
      </Flex>
    ) : null}
  </Flex>
);
