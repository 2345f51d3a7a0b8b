import {
  ArrowLeftOutlined,
  DeleteOutlined,
  EditOutlined,
  ExperimentOutlined,
  PauseOutlined,
  PictureOutlined,
  PlayCircleOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  InputNumber,
  Modal,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, api } from '../../api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { canManageTenant, useSession } from '../../lib/session.ts';
import { CodeQr } from './code-qr.tsx';
import { GroupCodeForm } from './group-code-form.tsx';
import { GroupCodeOpenings, GroupCodeStats } from './group-code-stats.tsx';
import { LandingPreview } from './landing-preview.tsx';
import { PoolEditor } from './pool-editor.tsx';
import type { TGroupCodeDetail } from './types.ts';

const SimulateModal = ({ code, open, onClose }: { code: TGroupCodeDetail; open: boolean; onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [count, setCount] = useState(20);
  const run = useMutation({
    mutationFn: () =>
      api<{ joined: number; groupsOpened: number; failed: number }>(`/api/group-codes/${code.id}/simulate`, {
        method: 'POST',
        body: { count },
      }),
    onSuccess: (r) => {
      void message.success(
        r.failed
          ? t('groupCodes.simulate.doneFailed', { joined: r.joined, failed: r.failed, opened: r.groupsOpened })
          : t('groupCodes.simulate.done', { joined: r.joined, opened: r.groupsOpened }),
      );
      void qc.invalidateQueries({ queryKey: ['group-codes'] });
      onClose();
    },
  });
  return (
    <Modal
      open={open}
      title={t('groupCodes.simulate.title')}
      onCancel={onClose}
      okText={t('groupCodes.simulate.button')}
      cancelText={t('common.cancel')}
      confirmLoading={run.isPending}
      onOk={() => run.mutate()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('groupCodes.simulate.help')}</Typography.Paragraph>
      <Flex align="center" gap={8}>
        <span>{t('groupCodes.simulate.count')}</span>
        <InputNumber
          min={1}
          max={100}
          precision={0}
          value={count}
          onChange={(v) => setCount(v ?? 1)}
          data-testid="simulate-count"
        />
      </Flex>
    </Modal>
  );
};

/** One group code: link and QR, landing preview, pool editor, statistics, groups opened, settings. */
export const GroupCodeDetail = ({ id }: { id: number }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { account } = useSession();
  const canEdit = canManageTenant(account.role);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [simulating, setSimulating] = useState(false);
  const key = ['group-codes', id];
  const detail = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => api<TGroupCodeDetail>(`/api/group-codes/${id}`, { signal }),
    refetchInterval: 15_000,
  });
  const setCode = (code: TGroupCodeDetail) => {
    qc.setQueryData(key, code);
    void qc.invalidateQueries({ queryKey: ['group-codes'] });
  };
  const toggle = useMutation({
    mutationFn: (status: 'active' | 'paused') =>
      api<TGroupCodeDetail>(`/api/group-codes/${id}`, { method: 'PATCH', body: { status } }),
    onSuccess: (code) => {
      setCode(code);
      void message.success(t('groupCodes.form.saved'));
    },
  });
  const remove = useMutation({
    mutationFn: () => api<void>(`/api/group-codes/${id}`, { method: 'DELETE' }),
    onSuccess: () => {
      void message.success(t('groupCodes.deleted'));
      void qc.invalidateQueries({ queryKey: ['group-codes'] });
      navigate('/group-codes');
    },
  });

  const back = (
    <Link to="/group-codes">
      <ArrowLeftOutlined /> {t('groupCodes.back')}
    </Link>
  );
  if (detail.isError) {
    if (detail.error instanceof ApiError && detail.error.status === 404) {
      return <Result status="404" subTitle={t('groupCodes.notFound')} extra={back} />;
    }
    return (
      <>
        {back}
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      </>
    );
  }
  if (detail.isPending) return <Skeleton active />;
  const code = detail.data;
  return (
    <>
      {back}
      <PageHeader
        title={
          <Flex align="center" gap={8}>
            <span data-testid="group-code-title">{code.name}</span>
            <Tag color={code.status === 'active' ? 'green' : 'default'}>{t(`groupCodes.status.${code.status}`)}</Tag>
          </Flex>
        }
        extra={
          <>
            <CodeQr url={code.url} name={code.name} size="middle" />
            <Button icon={<PictureOutlined />} href={`/api/group-codes/${code.id}/poster.png`} target="_blank">
              {t('groupCodes.poster')}
            </Button>
            {canEdit ? (
              <>
                <Button icon={<ExperimentOutlined />} onClick={() => setSimulating(true)} data-testid="group-code-simulate">
                  {t('groupCodes.simulate.button')}
                </Button>
                <Button
                  icon={code.status === 'active' ? <PauseOutlined /> : <PlayCircleOutlined />}
                  loading={toggle.isPending}
                  onClick={() => toggle.mutate(code.status === 'active' ? 'paused' : 'active')}
                >
                  {code.status === 'active' ? t('groupCodes.settings.pause') : t('groupCodes.settings.resume')}
                </Button>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t('groupCodes.settings.edit')}
                </Button>
                <Popconfirm
                  title={t('groupCodes.deleteConfirm', { name: code.name })}
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.mutate()}
                >
                  <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                    {t('common.delete')}
                  </Button>
                </Popconfirm>
              </>
            ) : null}
          </>
        }
      />
      <Typography.Paragraph copyable={{ text: code.url }} type="secondary">
        {code.url}
      </Typography.Paragraph>
      {code.waysError ? (
        <Alert type="error" showIcon title={t('groupCodes.waysError', { error: code.waysError })} style={{ marginBottom: 16 }} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17}>
          <Tabs
            items={[
              {
                key: 'pool',
                label: t('groupCodes.tabs.pool'),
                children: <PoolEditor code={code} canEdit={canEdit} onSaved={setCode} />,
              },
              { key: 'stats', label: t('groupCodes.tabs.stats'), children: <GroupCodeStats codeId={code.id} /> },
              { key: 'openings', label: t('groupCodes.tabs.openings'), children: <GroupCodeOpenings codeId={code.id} /> },
              {
                key: 'settings',
                label: t('groupCodes.tabs.settings'),
                children: (
                  <Card size="small">
                    <Descriptions
                      column={1}
                      size="small"
                      items={[
                        { label: t('groupCodes.form.rule'), children: t(`groupCodes.rules.${code.rule}`) },
                        { label: t('groupCodes.form.memberCap'), children: code.memberCap },
                        { label: t('groupCodes.form.store'), children: code.storeName ?? t('groupCodes.settings.none') },
                        {
                          label: t('groupCodes.form.autoOpen'),
                          children: code.autoOpen ? t('groupCodes.settings.autoOn') : t('groupCodes.settings.autoOff'),
                        },
                        { label: t('groupCodes.form.template'), children: code.groupNameTemplate },
                        { label: t('groupCodes.form.nextNumber'), children: code.nextNumber },
                        {
                          label: t('groupCodes.form.owners'),
                          children: code.owners.map((o) => o.name).join(t('common.listSep')) || t('groupCodes.settings.none'),
                        },
                        { label: t('groupCodes.form.welcome'), children: code.welcomeText || t('groupCodes.settings.none') },
                        { label: t('groupCodes.form.notice'), children: code.notice || t('groupCodes.settings.none') },
                        { label: t('common.createdAt'), children: formatDateTime(code.createdAt) },
                      ]}
                    />
                  </Card>
                ),
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={7}>
          <LandingPreview codeId={code.id} version={code.updatedAt + code.members} />
        </Col>
      </Row>
      <GroupCodeForm
        code={code}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setCode(saved);
          setEditing(false);
          void message.success(t('groupCodes.form.saved'));
        }}
      />
      <SimulateModal code={code} open={simulating} onClose={() => setSimulating(false)} />
    </>
  );
};
