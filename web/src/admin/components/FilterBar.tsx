import type { ReactNode } from 'react';
import { Card, Space } from 'antd';

/** The row of filters above a list. */
export function FilterBar({ children }: { children: ReactNode }) {
  return (
    <Card size="small" style={{ marginBottom: 12 }} styles={{ body: { padding: '12px 16px' } }}>
      <Space wrap size={[12, 8]}>
        {children}
      </Space>
    </Card>
  );
}
